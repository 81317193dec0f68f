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

  const montrer = (el, forme, clientX, clientY) => {
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
    bulle.style.left = aDroite ? "" : `${x + 14}px`;
    bulle.style.right = aDroite ? `${cadre.width - x + 14}px` : "";
    bulle.style.top = `${Math.max(0, y - 10)}px`;
  };
  const survol = (e) => {
    const el = racine();
    if (!el || !el.contains(e.target)) return;
    montrer(el, e.target.closest("[data-survol], [data-code][aria-label]"), e.clientX, e.clientY);
  };
  // Au clavier : une seule commune dans l'ordre de tabulation ; flèches, Début et Fin passent aux autres (ordre
  // alphabétique) ; Entrée ou Espace la choisit comme un clic ; la bulle suit le focus.
  const formeClavier = (e) => {
    const el = racine();
    const forme = el && e.target.closest?.("svg.cliquable [data-code]");
    return forme && el.contains(forme) ? [el, forme] : [null, null];
  };
  const clavier = (e) => {
    const [el, forme] = formeClavier(e);
    if (!forme) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      setTriggerValue("commune", forme.dataset.code);
      return;
    }
    const formes = [...el.querySelectorAll("svg.cliquable [data-code]")];
    const i = formes.indexOf(forme);
    const j = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0,
                End: formes.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    const suivante = formes[Math.min(Math.max(j, 0), formes.length - 1)];
    forme.tabIndex = -1;
    suivante.tabIndex = 0;
    suivante.focus();
  };
  const focus = (e) => {
    const [el, forme] = formeClavier(e);
    if (!forme) return;
    const r = forme.getBoundingClientRect();
    montrer(el, forme, r.left + r.width / 2, r.top + r.height / 2);
  };
  const sortie = (e) => {
    const el = racine();
    if (el && !el.contains(e.relatedTarget)) el.querySelector(".bulle").hidden = true;
  };
  const clic = (e) => {
    const el = racine();
    const forme = el && el.querySelector(":scope > svg.cliquable") && e.target.closest("[data-code]");
    if (forme && el.contains(forme)) setTriggerValue("commune", forme.dataset.code);
  };
  document.addEventListener("pointermove", survol);
  document.addEventListener("pointerout", sortie);
  document.addEventListener("click", clic);
  document.addEventListener("keydown", clavier);
  document.addEventListener("focusin", focus);
  const nettoyer = () => {
    actif = false;
    observateur?.disconnect();
    document.removeEventListener("pointermove", survol);
    document.removeEventListener("pointerout", sortie);
    document.removeEventListener("click", clic);
    document.removeEventListener("keydown", clavier);
    document.removeEventListener("focusin", focus);
    if (branchees[data.id] === nettoyer) {
      delete branchees[data.id];
      delete pretes[data.id];
    }
  };
  branchees[data.id] = nettoyer;
  return nettoyer;
}
