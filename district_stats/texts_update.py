"""Interface texts of the data-update form on /dati and of the optional-file notices (Italian, English)."""

from __future__ import annotations

TEXTS_UPDATE: dict[str, tuple[str, str]] = {
    "upd_title": ("Aggiorna i dati con un file ufficiale", "Update the data from an official file"),
    "upd_intro": ("Carica un CSV (separatore «;» o «,», UTF-8 o UTF-16; importi 1.234,56 o 1234.56) o un XLSX con le stesse colonne della tabella "
                  "(il modo più semplice: scarica la tabella qui sopra, modificala, ricaricala). Il file viene "
                  "controllato con le stesse regole dei dati pubblicati; prima di applicarlo vedi cosa cambia. "
                  "La versione precedente resta salvata e si può ripristinare.",
                  "Upload a CSV (separator ';' or ',', UTF-8 or UTF-16; amounts 1.234,56 or 1234.56) or an XLSX with the same columns as the "
                  "table (the easiest way: download the table above, edit it, upload it). The file is checked with "
                  "the same rules as the published data; before applying it you see what changes. The previous "
                  "version is kept and can be restored."),
    "upd_off": ("L'aggiornamento dei dati è disattivato su questo server (variabile DC_UPDATE).",
                "Data updates are disabled on this server (DC_UPDATE variable)."),
    "upd_local_only": ("L'aggiornamento dei dati è possibile solo dal computer su cui gira il dashboard.",
                       "Data can only be updated from the computer running the dashboard."),
    "upd_token": ("Codice di aggiornamento", "Update code"),
    "upd_token_bad": ("Codice non valido.", "Invalid code."),
    "upd_table": ("Tabella da sostituire", "Table to replace"),
    "upd_file": ("File candidato (CSV o XLSX, al massimo 20 MB)", "Candidate file (CSV or XLSX, at most 20 MB)"),
    "upd_problems": ("Il file non è stato applicato (problemi trovati: {n}). I dati pubblicati non sono cambiati.",
                     "The file was not applied (problems found: {n}). The published data did not change."),
    "upd_more": ("… e altri {n} problemi.", "… and {n} more problems."),
    "upd_preview": ("Anteprima: {added} righe aggiunte, {removed} tolte, {changed} modificate, {same} invariate.",
                    "Preview: {added} rows added, {removed} removed, {changed} changed, {same} unchanged."),
    "upd_no_change": ("Il file è identico alla tabella pubblicata: non c'è nulla da applicare.",
                      "The file matches the published table: nothing to apply."),
    "upd_keys_added": ("Aggiunte", "Added"),
    "upd_keys_removed": ("Tolte", "Removed"),
    "upd_keys_changed": ("Modificate", "Changed"),
    "upd_confirm": ("Ho controllato l'anteprima", "I have checked the preview"),
    "upd_apply": ("Applica l'aggiornamento", "Apply the update"),
    "upd_rebuild": ("Distretti o membri cambiati: ricostruisco anche la geometria (qualche secondo).",
                    "Districts or members changed: rebuilding the geometry too (a few seconds)."),
    "upd_done": ("Aggiornamento applicato ({change}). Versione precedente salvata come {backup}.",
                 "Update applied ({change}). Previous version saved as {backup}."),
    "upd_failed": ("Aggiornamento non riuscito, i dati non sono cambiati: {error}",
                   "Update failed, the data did not change: {error}"),
    "upd_busy": ("Un altro aggiornamento è in corso: riprova tra qualche secondo.",
                 "Another update is in progress: try again in a few seconds."),
    "upd_versions": ("Versioni precedenti", "Previous versions"),
    "upd_no_versions": ("Nessuna versione precedente salvata.", "No previous version saved."),
    "upd_restore": ("Ripristina questa versione", "Restore this version"),
    "upd_restored": ("Versione {name} ripristinata.", "Version {name} restored."),
    "optional_notice": ("Un file di dati facoltativo non è stato caricato ({tables}): le pagine funzionano, ma alcune "
                        "informazioni mancano. Dettagli in «Dati e metodo».",
                        "An optional data file could not be loaded ({tables}): the pages work, but some information "
                        "is missing. Details in 'Data and method'."),
    "no_data": ("Nessun dato disponibile", "No data available"),
    "optional_problems": ("Problemi nei file facoltativi", "Problems in optional files"),
}
