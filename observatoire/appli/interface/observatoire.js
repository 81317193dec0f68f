// Servi avec chaque page (observatoire/appli/page_servie.py), avant l'application Streamlit :
// 1. noms français des commandes propres à Streamlit (attributs aria-label, title, placeholder ; quelques textes) ;
// 2. après un changement de page par un lien, le focus va au titre de la page (RGAA 12.8, WCAG 2.4.3) ;
// 3. sur un téléphone, la barre latérale se referme après le choix d'un lien ou d'une option (elle couvre la page) ;
// 4. les courbes décoratives des chiffres clés sont masquées aux lecteurs d'écran (le chiffre est dit en texte) ;
//    la barre latérale, qui défile, se parcourt au clavier.
(() => {
  "use strict";
  const EXACTS = new Map([
    ["Collapse sidebar", "Replier la barre latérale"], ["Expand sidebar", "Ouvrir la barre latérale"],
    ["Clear all", "Tout effacer"], ["Select all", "Tout sélectionner"], ["Choose an option", "Choisissez une option"],
    ["Choose options", "Choisissez des options"], ["Download as CSV", "Télécharger en CSV"], ["Search", "Rechercher"],
    ["Fullscreen", "Plein écran"], ["Close fullscreen", "Quitter le plein écran"],
    ["Exit fullscreen", "Quitter le plein écran"], ["Close", "Fermer"], ["open", "ouvrir"], ["Open", "Ouvrir"],
    ["Clear value", "Effacer la valeur"], ["Clear", "Effacer"], ["Clear selection", "Effacer la sélection"],
    ["Show password text", "Afficher le mot de passe"], ["Hide password text", "Masquer le mot de passe"],
    ["No results", "Aucun résultat"], ["Main menu", "Menu principal"], ["Running...", "Calcul en cours…"],
    ["Stop", "Arrêter"], ["Deploy", "Publier"], ["Upload", "Déposer"], ["Delete", "Supprimer"],
    ["Remove file", "Retirer le fichier"], ["Previous page", "Page précédente"], ["Next page", "Page suivante"],
    ["Show/hide columns", "Afficher ou masquer des colonnes"], ["Sort ascending", "Trier par ordre croissant"],
    ["Sort descending", "Trier par ordre décroissant"], ["Increment", "Augmenter"], ["Decrement", "Diminuer"],
    ["Skip to main content", "Aller au contenu"], ["Link to heading", "Lien vers ce titre"], ["Copy to clipboard", "Copier"],
    ["Print", "Imprimer"], ["Record screen", "Enregistrer l'écran"], ["Record a screencast", "Enregistrer l'écran"],
    ["Sidebar", "Barre latérale"], ["Selected values", "Valeurs choisies"], ["Scrollable table", "Tableau défilant"],
    ["Settings", "Réglages"], ["About", "À propos"], ["Rerun", "Relancer"], ["Developer options", "Options de développement"],
  ]);
  const MOTIFS = [
    [/^Help for (.+)$/, "Aide : $1"], [/^Select (\d+) match(es)?$/, "Sélectionner les $1 résultats"],
    [/^Remove (.+)$/, "Retirer $1"], [/^Selected (.+)\. (.+)$/, "Choisi : $1. $2"],
    [/^Select (.+)$/, "Choisir $1"], [/^(\d+) results? available\.?$/, "$1 résultat(s) disponible(s)."],
    [/^Made with Streamlit(.*)$/, "Réalisé avec Streamlit$1"],
  ];
  const ATTRIBUTS = ["aria-label", "title", "placeholder", "aria-roledescription"];
  const traduction = (texte) => {
    if (!texte) return null;
    const t = texte.trim();
    if (EXACTS.has(t)) return EXACTS.get(t);
    for (const [motif, remplacement] of MOTIFS) if (motif.test(t)) return t.replace(motif, remplacement);
    return null;
  };
  const traduireElement = (el) => {
    for (const a of ATTRIBUTS) {
      const fr = el.hasAttribute?.(a) && traduction(el.getAttribute(a));
      if (fr) el.setAttribute(a, fr);
    }
    // textes affichés par Streamlit seuls dans leur élément (« Select all » d'une liste, « No results »)
    if (el.childNodes?.length === 1 && el.firstChild.nodeType === Node.TEXT_NODE) {
      const fr = traduction(el.firstChild.nodeValue);
      if (fr && !el.closest("[data-testid='stMarkdownContainer'], .obs-carte")) el.firstChild.nodeValue = fr;
    }
  };
  const traduireArbre = (racine) => {
    if (racine.nodeType !== Node.ELEMENT_NODE) return;
    traduireElement(racine);
    for (const el of racine.querySelectorAll("*")) traduireElement(el);
  };
  // une fois par lot de changements (pas par nœud ajouté : une relance en ajoute des centaines)
  const decoratifs = () => {
    // la barre latérale défile sur un petit écran : elle se parcourt aussi au clavier (WCAG 2.1.1)
    const barre = document.querySelector("[data-testid='stSidebarContent']");
    if (barre && !barre.hasAttribute("tabindex")) {
      barre.setAttribute("tabindex", "0");
      barre.setAttribute("role", "region");
      barre.setAttribute("aria-label", "Pages et choix du territoire");
    }
    // chaque graphique Plotly porte le nom que la page lui donne (titre, territoire, date)
    for (const nom of document.querySelectorAll("[data-nom-graphique]")) {
      const bloc = nom.closest("[class*='st-key-graphique_']");
      const figure = bloc?.querySelector("[data-testid='stPlotlyChart']");
      if (figure && figure.getAttribute("aria-label") !== nom.dataset.nomGraphique) {
        figure.setAttribute("role", "figure");
        figure.setAttribute("aria-label", nom.dataset.nomGraphique);
      }
    }
    for (const svg of document.querySelectorAll("[data-testid='stMetric'] svg")) {
      const conteneur = svg.closest("[data-testid='stVegaLiteChart'], .vega-embed") || svg;
      if (conteneur.getAttribute("aria-hidden") !== "true") conteneur.setAttribute("aria-hidden", "true");
    }
  };

  // 2. focus sur le titre après un changement de page demandé par un lien
  let attendreTitre = 0;
  const focusTitre = () => {
    const limite = Date.now() + 15000;
    const ancien = document.querySelector("[data-testid='stMain'] h1")?.textContent;
    clearInterval(attendreTitre);
    attendreTitre = setInterval(() => {
      const app = document.querySelector("[data-testid='stApp']");
      const titre = document.querySelector("[data-testid='stMain'] h1, .diapo-titre");
      const fini = app?.dataset.testScriptState === "notRunning";
      if (titre && fini && (titre.textContent !== ancien || Date.now() > limite - 14000)) {
        clearInterval(attendreTitre);
        titre.setAttribute("tabindex", "-1");
        titre.focus({ preventScroll: false });
      } else if (Date.now() > limite) clearInterval(attendreTitre);
    }, 100);
  };

  // 3. téléphone : la barre latérale se referme après un lien ou une option d'une liste à choix unique
  const etroit = window.matchMedia("(max-width: 767.98px)");
  const refermer = () => setTimeout(() => {
    document.querySelector("[data-testid='stSidebarCollapseButton'] button")?.click();
  }, 150);
  document.addEventListener("click", (e) => {
    const lien = e.target.closest?.("[data-testid='stSidebar'] [data-testid='stPageLink'] a");
    if (lien) {
      focusTitre();
      if (etroit.matches) refermer();
      return;
    }
    const option = e.target.closest?.("[role='option']");
    const champ = document.activeElement;
    if (option && etroit.matches && champ?.closest("[data-testid='stSidebar'] .stSelectbox")) refermer();
  }, true);

  const observateur = new MutationObserver((mutations) => {
    let ajouts = false;
    for (const m of mutations) {
      if (m.type === "attributes") traduireElement(m.target);
      else if (m.type === "characterData") traduireElement(m.target.parentElement || m.target);
      else for (const n of m.addedNodes) { traduireArbre(n); ajouts = true; }
    }
    if (ajouts) decoratifs();
  });
  const demarrer = () => {
    traduireArbre(document.body);
    observateur.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true,
                                         attributeFilter: ATTRIBUTS });
  };
  if (document.body) demarrer(); else document.addEventListener("DOMContentLoaded", demarrer);
})();
