"""Validation problems and their Italian (and English) messages.

A :class:`Problem` names the file, the spreadsheet row (the header is row 1) and the
column, so an official can find and fix it. Messages are plain language, never a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Italian, English); {placeholders} come from Problem.params
    "file_too_large": (
        "il file pesa {size_mb} MB, oltre il limite di {limit_mb} MB",
        "the file is {size_mb} MB, above the {limit_mb} MB limit",
    ),
    "file_empty": ("il file è vuoto", "the file is empty"),
    "header_only": ("il file contiene solo l'intestazione, nessuna riga di dati",
                    "the file has a header but no data rows"),
    "binary": ("il file non è un testo CSV né un foglio Excel (contenuto binario)",
               "the file is neither CSV text nor an Excel sheet (binary content)"),
    "unknown_format": ("formato '{ext}' non ammesso: caricare un file CSV o XLSX",
                       "format '{ext}' not accepted: upload a CSV or XLSX file"),
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
    "too_many_rows": ("troppe righe ({n}): il massimo per questa tabella è {limit}",
                      "too many rows ({n}): this table allows at most {limit}"),
    "unknown_table": (
        "non riconosco la tabella: indicarla con --table (una tra {tables})",
        "table not recognised: name it with --table (one of {tables})",
    ),
    "missing_column": ("manca la colonna obbligatoria", "required column missing"),
    "extra_column": ("colonna non prevista dalla tabella '{table}'", "column not part of table '{table}'"),
    "duplicate_column": ("colonna ripetuta nell'intestazione", "column repeated in the header"),
    "ragged_row": ("la riga ha {n} campi invece di {expected}", "the row has {n} fields instead of {expected}"),
    "empty_value": ("valore mancante (obbligatorio)", "missing value (required)"),
    "newline": ("il valore contiene un a capo", "the value contains a line break"),
    "too_long": ("valore troppo lungo ({n} caratteri, massimo {limit})",
                 "value too long ({n} characters, at most {limit})"),
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
    "negative": ("importo negativo ({value}): gli importi devono essere ≥ 0",
                 "negative amount ({value}): amounts must be ≥ 0"),
    "bad_date": ("'{value}' non è una data AAAA-MM-GG", "'{value}' is not a YYYY-MM-DD date"),
    "bad_bool": ("'{value}' non è true/false", "'{value}' is not true/false"),
    "bad_enum": ("valore '{value}' non ammesso (ammessi: {allowed})", "value '{value}' not allowed (allowed: {allowed})"),
    "bad_id": ("codice '{value}' non valido (forma attesa: {pattern})",
               "code '{value}' is not valid (expected form: {pattern})"),
    "bad_istat": ("'{value}' non è un codice ISTAT (6 cifre, es. 001272)",
                  "'{value}' is not an ISTAT code (6 digits, e.g. 001272)"),
    "unknown_istat": ("il codice ISTAT {value} non è un comune del Piemonte",
                      "ISTAT code {value} is not a comune of Piemonte"),
    "bad_url": ("'{value}' non è un indirizzo http(s)://", "'{value}' is not an http(s):// address"),
    "duplicate_key": ("chiave ripetuta {key} (già alla riga {first_row})",
                      "duplicate key {key} (already on row {first_row})"),
    "duplicate_fact": ("stesso importo già alla riga {first_row}", "same amount already on row {first_row}"),
    "comune_in_two_districts": (
        "il comune {name} ({value}) è già nel distretto {other_district} (riga {other_row})",
        "comune {name} ({value}) is already in district {other_district} (row {other_row})",
    ),
    "two_capofila": ("il distretto {value} ha più di un capofila (anche riga {other_row})",
                     "district {value} has more than one lead comune (also row {other_row})"),
    "name_mismatch": ("il nome '{value}' non corrisponde al codice {istat} ({official})",
                      "name '{value}' does not match code {istat} ({official})"),
    "unknown_reference": ("'{value}' non esiste in {target}", "'{value}' does not exist in {target}"),
    "amount_not_allowed": ("un esito «{kind}» non ha importo: lasciare vuota la cella",
                           "a '{kind}' outcome has no amount: leave the cell empty"),
    "title_basis_mismatch": ("titolo e sua base non concordano ({basis}): un titolo letto ha la base «page» o "
                             "«dossier», un titolo non verificato è vuoto",
                             "title and its basis disagree ({basis}): a title that was read has basis 'page' or "
                             "'dossier', a title not verified is empty"),
    "unverified_date": ("una data non verificata va lasciata vuota con precisione «none» ({value})",
                        "a date that was not verified is left empty with precision 'none' ({value})"),
    "dossier_without_date": ("«non indicata» vale solo per una pagina letta (base «page»)",
                             "'not stated' holds only for a page that was read (basis 'page')"),
    "bad_partial_date": ("'{value}' non è una data di precisione {precision} (AAAA-MM-GG, AAAA-MM o AAAA)",
                         "'{value}' is not a date of precision {precision} (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "date_in_future": ("la data {value} è nel futuro", "the date {value} is in the future"),
    "published_after_access": ("pubblicata il {value}, dopo la lettura del {accessed}",
                               "published on {value}, after it was read on {accessed}"),
    "restates_itself": ("la riga non può ripetere sé stessa ({value})", "the row cannot restate itself ({value})"),
    "restates_a_restatement": ("{value} ripete già {other}: indicare {other}",
                               "{value} already restates {other}: name {other} instead"),
    "restates_other_district": ("{value} è di un altro distretto ({district})",
                                "{value} belongs to another district ({district})"),
    "refers_to_restatement": ("{value} ripete un'altra riga: indicare la riga originale",
                              "{value} restates another row: name the original row"),
    "year_order": ("l'anno finale {value} precede l'anno iniziale {start}", "end year {value} precedes start year {start}"),
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
        it, en = MESSAGES.get(self.code, ("problema: {code}", "problem: {code}"))
        template = en if lang == "en" else it
        params = dict(self.params)
        params.setdefault("code", self.code)
        try:
            text = template.format(**params)
        except (KeyError, IndexError, ValueError):
            text = template
        where = [self.file]
        if self.row is not None:
            where.append(("row " if lang == "en" else "riga ") + str(self.row))
        if self.column:
            where.append(("column " if lang == "en" else "colonna ") + self.column)
        return f"{', '.join(where)}: {text}"


def problem(code: str, file: str, row: int | None = None, column: str | None = None, **params: object) -> Problem:
    """Build a :class:`Problem` with keyword parameters (values are shortened to 80 characters)."""
    clean = tuple(sorted((k, _short(v)) for k, v in params.items()))
    return Problem(code=code, file=file, row=row, column=column, params=clean)


def _short(value: object) -> object:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    return value
