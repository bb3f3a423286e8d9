"""Validation problems and their Italian (and English) messages.

A :class:`Problem` names the file, the spreadsheet row (the header is row 1) and the
column, so an official can find and fix it. Messages are plain language, never a
traceback. They are the data layer's own catalogue (the data layer sits below the text
catalogue of ``content/``), held to the same tests as ``content/texts.toml``: both
languages, the same placeholders, no count written before a noun without its plural.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Italian, English); {placeholders} come from Problem.params
    "where_row": ("riga {row}", "row {row}"),  # where a problem is: the spreadsheet row, then the column
    "where_column": ("colonna {column}", "column {column}"),
    "unknown_problem": ("problema: {code}", "problem: {code}"),
    "file_too_large": (
        "il file pesa {size_mb} MB, oltre il limite di {limit_mb} MB",
        "the file is {size_mb} MB, above the {limit_mb} MB limit",
    ),
    "file_empty": ("il file è vuoto", "the file is empty"),
    "header_only": (
        "il file contiene solo l'intestazione, nessuna riga di dati",
        "the file has a header but no data rows",
    ),
    "binary": (
        "il file non è un testo CSV né un foglio Excel (contenuto binario)",
        "the file is neither CSV text nor an Excel sheet (binary content)",
    ),
    "unknown_format": (
        "formato '{ext}' non ammesso: caricare un file CSV o XLSX",
        "format '{ext}' not accepted: upload a CSV or XLSX file",
    ),
    "encoding": (
        "il file non è in UTF-8 (primo carattere non valido alla riga {line}); probabilmente è in "
        "Latin-1/Windows-1252: salvarlo come «CSV UTF-8»",
        "the file is not UTF-8 (first invalid character on line {line}); probably Latin-1/Windows-1252: "
        "save it as 'CSV UTF-8'",
    ),
    "separator": (
        "separatore non riconosciuto nell'intestazione: usare ';' oppure ','",
        "separator not recognised in the header: use ';' or ','",
    ),
    "malformed": ("CSV malformato vicino alla riga {line}: {detail}", "malformed CSV near line {line}: {detail}"),
    "bad_xlsx": ("il file Excel non si apre: {detail}", "the Excel file cannot be opened: {detail}"),
    "formula": (
        "la cella {cell} contiene una formula: incollare solo i valori",
        "cell {cell} contains a formula: paste values only",
    ),
    "more_problems": (
        "problemi non mostrati: {n} (se ne mostrano al massimo {limit})",
        "problems not shown: {n} (at most {limit} are shown)",
    ),
    "too_many_rows": (
        "troppe righe ({n}): il massimo per questa tabella è {limit}",
        "too many rows ({n}): this table allows at most {limit}",
    ),
    "unknown_table": (
        "non riconosco la tabella: indicarla con --table (una tra {tables})",
        "table not recognised: name it with --table (one of {tables})",
    ),
    "missing_column": ("manca la colonna obbligatoria", "required column missing"),
    "extra_column": ("colonna non prevista dalla tabella '{table}'", "column not part of table '{table}'"),
    "duplicate_column": ("colonna ripetuta nell'intestazione", "column repeated in the header"),
    "ragged_row": (
        "numero di campi della riga: {n} invece di {expected}",
        "number of fields on the row: {n} instead of {expected}",
    ),
    "empty_value": ("valore mancante (obbligatorio)", "missing value (required)"),
    "newline": ("il valore contiene un a capo", "the value contains a line break"),
    "too_long": (
        "valore troppo lungo ({n} caratteri, massimo {limit})",
        "value too long ({n} characters, at most {limit})",
    ),
    "not_int": ("'{value}' non è un numero intero", "'{value}' is not a whole number"),
    "not_number": ("'{value}' non è un numero", "'{value}' is not a number"),
    "italian_number": (
        "'{value}' è scritto all'italiana in un file separato da virgole: scrivere {suggestion}",
        "'{value}' uses Italian separators in a comma-separated file: write {suggestion}",
    ),
    "ambiguous_number": (
        "'{value}' è ambiguo in un file separato da ';' (formato italiano: 1.234,56)",
        "'{value}' is ambiguous in a ';'-separated file (Italian format: 1.234,56)",
    ),
    "below_min": ("{value} è sotto il minimo ammesso ({min})", "{value} is below the minimum allowed ({min})"),
    "negative": (
        "importo negativo ({value}): gli importi devono essere ≥ 0",
        "negative amount ({value}): amounts must be ≥ 0",
    ),
    "bad_date": ("'{value}' non è una data AAAA-MM-GG", "'{value}' is not a YYYY-MM-DD date"),
    "bad_bool": ("'{value}' non è true/false", "'{value}' is not true/false"),
    "bad_enum": (
        "valore '{value}' non ammesso (ammessi: {allowed})",
        "value '{value}' not allowed (allowed: {allowed})",
    ),
    "bad_id": (
        "codice '{value}' non valido (forma attesa: {pattern})",
        "code '{value}' is not valid (expected form: {pattern})",
    ),
    "bad_istat": (
        "'{value}' non è un codice ISTAT (6 cifre, es. 001272)",
        "'{value}' is not an ISTAT code (6 digits, e.g. 001272)",
    ),
    "unknown_istat": (
        "il codice ISTAT {value} non è un comune del Piemonte",
        "ISTAT code {value} is not a comune of Piemonte",
    ),
    "bad_url": ("'{value}' non è un indirizzo http(s)://", "'{value}' is not an http(s):// address"),
    "duplicate_key": (
        "chiave ripetuta {key} (già alla riga {first_row})",
        "duplicate key {key} (already on row {first_row})",
    ),
    "duplicate_fact": ("stesso importo già alla riga {first_row}", "same amount already on row {first_row}"),
    "comune_in_two_districts": (
        "il comune {name} ({value}) è già nel distretto {other_district} (riga {other_row})",
        "comune {name} ({value}) is already in district {other_district} (row {other_row})",
    ),
    "two_capofila": (
        "il distretto {value} ha più di un capofila (anche riga {other_row})",
        "district {value} has more than one lead comune (also row {other_row})",
    ),
    "name_mismatch": (
        "il nome '{value}' non corrisponde al codice {istat} ({official})",
        "name '{value}' does not match code {istat} ({official})",
    ),
    "unknown_reference": ("'{value}' non esiste in {target}", "'{value}' does not exist in {target}"),
    "amount_not_allowed": (
        "un esito «{kind}» non ha importo: lasciare vuota la cella",
        "a '{kind}' outcome has no amount: leave the cell empty",
    ),
    "title_basis_mismatch": (
        "titolo e sua base non concordano ({basis}): un titolo letto ha la base «page» o "
        "«dossier», un titolo non verificato è vuoto",
        "title and its basis disagree ({basis}): a title that was read has basis 'page' or "
        "'dossier', a title not verified is empty",
    ),
    "unverified_date": (
        "una data non verificata va lasciata vuota con precisione «none» ({value})",
        "a date that was not verified is left empty with precision 'none' ({value})",
    ),
    "dossier_without_date": (
        "«non indicata» vale solo per una pagina letta (base «page»)",
        "'not stated' holds only for a page that was read (basis 'page')",
    ),
    "bad_partial_date": (
        "'{value}' non è una data di precisione {precision} (AAAA-MM-GG, AAAA-MM o AAAA)",
        "'{value}' is not a date of precision {precision} (YYYY-MM-DD, YYYY-MM or YYYY)",
    ),
    "date_in_future": ("la data {value} è nel futuro", "the date {value} is in the future"),
    "published_after_access": (
        "pubblicata il {value}, dopo la lettura del {accessed}",
        "published on {value}, after it was read on {accessed}",
    ),
    "restates_itself": ("la riga non può ripetere sé stessa ({value})", "the row cannot restate itself ({value})"),
    "restates_a_restatement": (
        "{value} ripete già {other}: indicare {other}",
        "{value} already restates {other}: name {other} instead",
    ),
    "restates_other_district": (
        "{value} è di un altro distretto ({district})",
        "{value} belongs to another district ({district})",
    ),
    "refers_to_restatement": (
        "{value} ripete un'altra riga: indicare la riga originale",
        "{value} restates another row: name the original row",
    ),
    "year_order": (
        "l'anno finale {value} precede l'anno iniziale {start}",
        "end year {value} precedes start year {start}",
    ),
    # An act's PDF (district_stats.acts): what was found, and what to do
    "pdf_not_pdf": (
        "il file non è un PDF (contenuto: {what}): caricare il PDF dell'atto così come è pubblicato, oppure la "
        "tabella in CSV o XLSX",
        "the file is not a PDF (content: {what}): upload the act's PDF as published, or the table as CSV or XLSX",
    ),
    "pdf_truncated": (
        "il PDF è incompleto ({size_kb} KB, manca la fine del file): scaricarlo di nuovo e ricaricarlo",
        "the PDF is incomplete ({size_kb} KB, the end of the file is missing): download it again and upload it again",
    ),
    "pdf_damaged": (
        "il PDF è danneggiato e non si apre ({detail}): scaricarlo di nuovo dal sito della Regione; se l'errore "
        "resta, trascrivere la tabella in un CSV",
        "the PDF is damaged and does not open ({detail}): download it again from the Regione's site; if the error "
        "stays, copy the table into a CSV",
    ),
    "pdf_encrypted": (
        "il PDF è protetto da una password e il testo non si può leggere: aprirlo con la password, salvarne una "
        "copia senza protezione («Stampa» → «Salva come PDF») e caricare quella",
        "the PDF is protected by a password and its text cannot be read: open it with the password, save a copy "
        "without protection ('Print' → 'Save as PDF') and upload that",
    ),
    "pdf_too_many_pages": (
        "il PDF ha {pages} pagine, oltre il limite di {limit}: caricare solo l'allegato con l'elenco (le pagine "
        "della tabella salvate in un PDF a parte)",
        "the PDF has {pages} pages, above the limit of {limit}: upload only the annex with the list (the pages of "
        "the table saved as a separate PDF)",
    ),
    "pdf_no_text": (
        "il PDF non ha testo in nessuna delle sue pagine ({pages}): è una scansione (immagini delle pagine). Serve "
        "il PDF originale dell'atto, con il testo selezionabile (dall'albo pretorio o dal Bollettino Ufficiale), "
        "oppure la tabella trascritta in un CSV",
        "the PDF has no text on any of its pages ({pages}): it is a scan (pictures of the pages). Use the act's "
        "original PDF, with selectable text (from the official notice board or the Bollettino Ufficiale), or copy "
        "the table into a CSV",
    ),
    "pdf_pages_without_text": (
        "pagine senza testo (scansioni, non lette): {pages}",
        "pages without text (scans, not read): {pages}",
    ),
    "pdf_no_table": (
        "nel PDF (pagine: {pages}; righe di testo: {lines}) non c'è una tabella: controllare che sia l'allegato "
        "con l'elenco; altrimenti trascrivere l'elenco in un CSV",
        "the PDF (pages: {pages}; lines of text: {lines}) holds no table: check that it is the annex with the "
        "list; otherwise copy the list into a CSV",
    ),
    "pdf_wrong_table_members": (
        "nel PDF (pagine: {pages}; righe di testo: {lines}) le tabelle trovate ({headers}) non hanno una colonna "
        "dei comuni (Comune, Comuni aderenti, Ente): è l'elenco dei comuni aderenti? Una graduatoria va caricata "
        "come «grants»",
        "in the PDF (pages: {pages}; lines of text: {lines}) the tables found ({headers}) have no column of comuni "
        "(Comune, Comuni aderenti, Ente): is it the list of member comuni? A ranking is loaded as 'grants'",
    ),
    "pdf_wrong_table_grants": (
        "nel PDF (pagine: {pages}; righe di testo: {lines}) le tabelle trovate ({headers}) non hanno le colonne di "
        "un riparto (Distretto o Beneficiario, e Contributo o Importo concesso): è la graduatoria? Un elenco di "
        "comuni va caricato come «district_members»",
        "in the PDF (pages: {pages}; lines of text: {lines}) the tables found ({headers}) lack the columns of an "
        "allocation (District or Beneficiary, and Contributo or Importo concesso): is it the ranking? A list of "
        "comuni is loaded as 'district_members'",
    ),
    "act_bad_kind": (
        "tipo di atto '{value}' sconosciuto: «members» (elenco dei comuni) o «grants» (graduatoria)",
        "unknown kind of act '{value}': 'members' (list of comuni) or 'grants' (ranking)",
    ),
    "act_bad_url": (
        "'{value}' non è l'indirizzo dell'atto (http:// o https://): indicarlo, sarà la fonte delle righe",
        "'{value}' is not the act's address (http:// or https://): give it, it becomes the rows' source",
    ),
    "act_no_date": (
        "la data dell'atto non è stampata nel PDF (cercavo «Determinazione dirigenziale n. … del gg/mm/aaaa»): "
        "indicarla a mano",
        "the act's date is not printed in the PDF (looked for 'Determinazione dirigenziale n. … del dd/mm/yyyy'): "
        "give it by hand",
    ),
    "act_no_call": (
        "l'atto «{act}» non è citato da nessuna linea di finanziamento: indicare il bando (una linea tra {lines})",
        "no funding line cites the act '{act}': name the call (one of {lines})",
    ),
    "act_two_calls": (
        "l'atto «{act}» è citato da più linee ({found}): indicare quale",
        "the act '{act}' is cited by several lines ({found}): name which one",
    ),
    "act_unknown_call": (
        "la linea '{value}' non esiste: indicarne una tra {lines}",
        "line '{value}' does not exist: name one of {lines}",
    ),
    "act_no_district": (
        "pagina {page}: l'elenco con «{name}» non dice di quale distretto è (né una colonna Distretto né un titolo "
        "«Distretto …» sopra l'elenco)",
        "page {page}: the list with '{name}' does not say which district it belongs to (neither a District "
        "column nor a 'Distretto …' heading above the list)",
    ),
    "act_unresolved_comune": (
        "p. {pages}: «{name}» non è un comune che riconosco; i più simili: {suggestions}. "
        "Indicare il codice giusto (riga «{name};codice»)",
        "p. {pages}: '{name}' is not a comune I recognise; the closest: {suggestions}. "
        "Give the right code (line '{name};code')",
    ),
    "act_unresolved_comune_none": (
        "p. {pages}: «{name}» non è un comune che riconosco e nessun nome è simile: "
        "indicare il codice ISTAT (riga «{name};codice»)",
        "p. {pages}: '{name}' is not a comune I recognise and no name is close: give "
        "the ISTAT code (line '{name};code')",
    ),
    "act_unresolved_district": (
        "p. {pages}: «{name}» non è un distretto che riconosco; i più simili: "
        "{suggestions}. Indicare il codice giusto (riga «{name};D000»)",
        "p. {pages}: '{name}' is not a district I recognise; the closest: {suggestions}. "
        "Give the right code (line '{name};D000')",
    ),
    "act_unresolved_district_none": (
        "p. {pages}: «{name}» non è un distretto che riconosco e nessun nome è "
        "simile: indicare il codice (riga «{name};D000»)",
        "p. {pages}: '{name}' is not a district I recognise and no name is close: give its code (line '{name};D000')",
    ),
    "act_comune_twice": (
        "pagina {page}: {name} ({value}) compare in due distretti dell'atto ({other} e {district})",
        "page {page}: {name} ({value}) appears in two districts of the act ({other} and {district})",
    ),
    "act_district_twice": (
        "pagina {page}: il distretto {value} compare due volte (anche a pagina {first_page})",
        "page {page}: district {value} appears twice (also on page {first_page})",
    ),
    "act_bad_amount": (
        "pagina {page}: «{value}» non è un importo leggibile per «{name}»",
        "page {page}: '{value}' is not a readable amount for '{name}'",
    ),
    "act_mapping_bad": (
        "riga {line}: «{value}» non è «nome;codice» con un codice ISTAT (6 cifre) o di distretto (D000)",
        "line {line}: '{value}' is not 'name;code' with an ISTAT code (6 digits) or a district code (D000)",
    ),
    "act_mapping_unreadable": (
        "il file delle corrispondenze non si legge: {detail}",
        "the mapping file cannot be read: {detail}",
    ),
    "act_mapping_unknown": (
        "«{name}» è indicato con il codice {value}, che non è né un comune del Piemonte né un distretto",
        "'{name}' is given code {value}, which is neither a comune of Piemonte nor a district",
    ),
    "act_comune_elsewhere": (
        "{name} ({value}) è oggi nel distretto {other}, che l'atto non tocca: l'atto lo mette in {district}. "
        "Aggiornare prima {other}, o correggere la corrispondenza",
        "{name} ({value}) is today in district {other}, which the act does not cover: the act puts it in "
        "{district}. Update {other} first, or correct the mapping",
    ),
    "act_comune_moved": (
        "{name} ({value}) è oggi nel distretto {other}; l'atto lo mette in {district} e non in {other}: scegliere di "
        "togliere i comuni che l'atto non elenca, o correggere la corrispondenza",
        "{name} ({value}) is today in district {other}; the act puts it in {district} and not in {other}: choose to "
        "remove the comuni the act does not list, or correct the mapping",
    ),
    "act_grant_referenced": (
        "la riga {value} che l'atto sostituisce è citata dalla riga {other}: correggere prima {other}",
        "row {value}, which the act replaces, is cited by row {other}: correct {other} first",
    ),
    "act_no_rows": ("nell'atto non c'è nessuna riga da applicare", "the act has no row to apply"),
    "act_bad_table": (
        "un atto in PDF aggiorna solo {tables}: per questa tabella caricare un CSV o un XLSX",
        "an act's PDF updates only {tables}: for this table upload a CSV or an XLSX",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a candidate table.

    ``row`` is the spreadsheet row (header = 1; None for file-level problems).
    """

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    params: tuple[tuple[str, object], ...] = field(default=())

    def message(self, lang: str = "it") -> str:
        """Human message in ``lang`` ('it' or 'en'), with file, row and column."""
        template = _text(self.code if self.code in MESSAGES else "unknown_problem", lang)
        params = dict(self.params)
        params.setdefault("code", self.code)
        try:
            text = template.format(**params)
        except (KeyError, IndexError, ValueError):
            text = template
        where = [self.file]
        if self.row is not None:
            where.append(_text("where_row", lang).format(row=self.row))
        if self.column:
            where.append(_text("where_column", lang).format(column=self.column))
        return f"{', '.join(where)}: {text}"


def _text(code: str, lang: str) -> str:
    it, en = MESSAGES[code]
    return en if lang == "en" else it


def problem(code: str, file: str, row: int | None = None, column: str | None = None, **params: object) -> Problem:
    """Build a :class:`Problem` with keyword parameters (values are shortened to 80 characters)."""
    clean = tuple(sorted((k, _short(v)) for k, v in params.items()))
    return Problem(code=code, file=file, row=row, column=column, params=clean)


def _short(value: object) -> object:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    return value
