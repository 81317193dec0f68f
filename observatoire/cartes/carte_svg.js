// Comportement de la carte SVG (observatoire/cartes/carte_svg.py), posée par st.markdown dans l'élément #data.id :
// taille des noms et liserés en pixels (--k), bulle de survol, clic -> événement « commune ». Le composant n'a
// pas de rendu : il attend que la version du SVG qu'il accompagne soit dans la page, puis s'y branche.
const branchees = (globalThis.__observatoireCartes ??= {});
// id de la carte -> version sur laquelle le composant est branché (noms à leur taille, survol, clic, clavier) : ce
// que les parcours de test attendent avant de survoler ou cliquer
const pretes = (globalThis.__observatoireCartesPretes ??= {});

export default function ({ data, setTriggerValue }) {
  branchees[data.id]?.();
  let actif = true;
  let observateur = null;
  const racine = () => {
    const el = document.getElementById(data.id);
    return el && el.dataset.version === data.version ? el : null;
  };
  // les noms gardent 11 px à l'écran : sur une carte étroite (un téléphone), ceux qui en recouvriraient un autre
  // sont masqués, en gardant les premiers (le serveur les range des communes les plus peuplées aux moins peuplées)
  const degager = (svg) => {
    const gardes = [];
    for (const nom of svg.querySelectorAll(".noms text")) {
      nom.style.visibility = "";
      const r = nom.getBoundingClientRect();
      if (gardes.every((g) => r.right <= g.left || g.right <= r.left || r.bottom <= g.top || g.bottom <= r.top)) {
        gardes.push(r);
      } else {
        nom.style.visibility = "hidden";
      }
    }
  };
  const ajuster = (svg) => {
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    if (r.width > 0 && r.height > 0) {
      svg.style.setProperty("--k", Math.max(vb.width / r.width, vb.height / r.height));
      degager(svg);
    }
  };
  const attendre = () => {
    if (!actif) return;
    const el = racine();
    if (!el) { requestAnimationFrame(attendre); return; }
    const svg = el.querySelector(":scope > svg");
    observateur = new ResizeObserver(() => ajuster(svg));
    observateur.observe(svg);
    ajuster(svg);
    pretes[data.id] = data.version;
  };
  attendre();

  // la bulle à côté du point montré ; ``cote`` : la boîte d'une commune au focus, que la bulle ne couvre pas
  const montrer = (el, forme, clientX, clientY, cote = null) => {
    const bulle = el.querySelector(".bulle");
    if (!forme) { bulle.hidden = true; return; }
    const lignes = forme.dataset.survol?.split("\n") ?? forme.getAttribute("aria-label").split(", ");
    bulle.replaceChildren(...lignes.map((texte, i) => {
      const ligne = document.createElement(i === 0 ? "b" : "div");
      ligne.textContent = texte; // texte brut, jamais interprété
      return ligne;
    }));
    bulle.hidden = false;
    const cadre = el.getBoundingClientRect();
    const x = clientX - cadre.left, y = clientY - cadre.top;
    const aDroite = x > cadre.width / 2;
    const gauche = cote ? cote.right - cadre.left + 8 : x + 14;
    const droite = cote ? cadre.right - cote.left + 8 : cadre.width - x + 14;
    bulle.style.left = aDroite ? "" : `${gauche}px`;
    bulle.style.right = aDroite ? `${droite}px` : "";
    bulle.style.top = `${Math.max(0, (cote ? cote.top - cadre.top : y - 10))}px`;
  };
  const survol = (e) => {
    const el = racine();
    // au doigt, toucher une commune la choisit : pas de bulle, qui resterait sur la légende après le toucher
    if (!el || !el.contains(e.target) || e.pointerType === "touch") return;
    montrer(el, e.target.closest("[data-survol], [data-code][aria-label]"), e.clientX, e.clientY);
  };
  // Au clavier : une seule commune dans l'ordre de tabulation (le territoire choisi) ; une flèche passe à la commune
  // voisine dans sa direction (la plus proche dans un cône de ±63°, parmi celles que la carte montre), Début et Fin à
  // la première et à la dernière ; Entrée ou Espace la choisit comme un clic ; la bulle suit le focus, à côté.
  const formeClavier = (e) => {
    const el = racine();
    const forme = el && e.target.closest?.("svg.cliquable [data-code]");
    return forme && el.contains(forme) ? [el, forme] : [null, null];
  };
  const centres = new WeakMap();
  const centre = (f) => {
    if (!centres.has(f)) { const b = f.getBBox(); centres.set(f, [b.x + b.width / 2, b.y + b.height / 2]); }
    return centres.get(f);
  };
  const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  const voisine = (svg, forme, [dx, dy]) => {
    const vb = svg.viewBox.baseVal;
    const [x0, y0] = centre(forme);
    let meilleure = null, score = Infinity;
    for (const f of svg.querySelectorAll(".formes [data-code]")) {
      const [x, y] = centre(f);
      if (f === forme || x < vb.x || x > vb.x + vb.width || y < vb.y || y > vb.y + vb.height) continue;
      const avance = (x - x0) * dx + (y - y0) * dy, ecart = Math.abs((x - x0) * dy - (y - y0) * dx);
      if (avance > 0 && ecart <= 2 * avance && avance + 2 * ecart < score) { score = avance + 2 * ecart; meilleure = f; }
    }
    return meilleure;
  };
  const clavier = (e) => {
    const [el, forme] = formeClavier(e);
    if (!forme) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      setTriggerValue("commune", forme.dataset.code);
      return;
    }
    const svg = el.querySelector(":scope > svg");
    const formes = [...svg.querySelectorAll(".formes [data-code]")];
    const suivante = e.key in DIRECTIONS ? voisine(svg, forme, DIRECTIONS[e.key])
      : { Home: formes[0], End: formes[formes.length - 1] }[e.key];
    if (e.key in DIRECTIONS || suivante) e.preventDefault();  // au bord de la carte, la flèche ne fait rien
    if (!suivante) return;
    forme.tabIndex = -1;
    suivante.tabIndex = 0;
    suivante.focus();
  };
  // la commune au focus, cernée de noir et de blanc par-dessus ses voisines et les contours (un tracé recopié en
  // fin de SVG : déplacer la forme elle-même lui ferait perdre le focus)
  const anneaux = (el, forme) => {
    for (const a of el.querySelectorAll(".focus path")) {
      if (forme) a.setAttribute("d", forme.getAttribute("d")); else a.removeAttribute("d");
    }
  };
  const focus = (e) => {
    const [el, forme] = formeClavier(e);
    if (!forme) return;
    anneaux(el, forme);
    const r = forme.getBoundingClientRect();
    montrer(el, forme, r.left + r.width / 2, r.top + r.height / 2, r);
  };
  const sortie = (e) => {
    const el = racine();
    if (el && !el.contains(e.relatedTarget)) el.querySelector(".bulle").hidden = true;
  };
  const finFocus = (e) => {
    const el = racine();
    if (el && !el.contains(e.relatedTarget)) { anneaux(el, null); el.querySelector(".bulle").hidden = true; }
  };
  const clic = (e) => {
    const el = racine();
    const forme = el && el.querySelector(":scope > svg.cliquable") && e.target.closest("[data-code]");
    if (forme && el.contains(forme)) {
      el.querySelector(".bulle").hidden = true;
      setTriggerValue("commune", forme.dataset.code);
    }
  };
  const ecouteurs = [["pointermove", survol], ["pointerout", sortie], ["click", clic], ["keydown", clavier],
                     ["focusin", focus], ["focusout", finFocus]];
  ecouteurs.forEach(([type, f]) => document.addEventListener(type, f));
  const nettoyer = () => {
    actif = false;
    observateur?.disconnect();
    ecouteurs.forEach(([type, f]) => document.removeEventListener(type, f));
    if (branchees[data.id] === nettoyer) {
      delete branchees[data.id];
      delete pretes[data.id];
    }
  };
  branchees[data.id] = nettoyer;
  return nettoyer;
}
