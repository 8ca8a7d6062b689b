//! Dossiers in the reader's words: the data a PDF template of
//! `grants_dossier` lays out (a title, facts, then blocks of text, tables
//! and lists), each word from the catalogue of the reader's language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use grants_app::{AppError, AppResult, Formatter};
use grants_domain::Locale;
use serde_json::{Value, json};

use crate::catalogue::{Args, text, text_with};
use crate::export::Download;

/// A dossier being written.
#[derive(Debug)]
pub(crate) struct Dossier {
    locale: Locale,
    title: String,
    subtitle: String,
    facts: Vec<Value>,
    blocks: Vec<Value>,
}

/// How a table is laid out beyond its columns and rows.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The column that takes the room left (the first by default).
    pub(crate) wide: usize,
    /// The columns of numbers, set right.
    pub(crate) numeric: Vec<usize>,
    /// A last row in bold (a total).
    pub(crate) total: Option<Vec<Value>>,
    /// A remark under the table.
    pub(crate) note: Option<String>,
}

/// A table cell with a remark under it (who acted, a comment).
pub(crate) fn noted(text: String, note: Option<String>) -> Value {
    match note {
        Some(note) => json!({ "text": text, "note": note }),
        None => json!(text),
    }
}

impl Dossier {
    /// A dossier titled `title`, of the kind `kind` (its catalogue key) in
    /// the programme `programme`.
    pub(crate) fn new(locale: Locale, title: String, programme: &str, kind: &str) -> Dossier {
        Dossier {
            locale,
            title,
            subtitle: format!("{programme} · {}", text(locale, kind)),
            facts: Vec::new(),
            blocks: Vec::new(),
        }
    }

    /// The reader's words for `key`.
    pub(crate) fn t(&self, key: &str) -> String {
        text(self.locale, key)
    }

    /// A fact under the title, when there is a value.
    pub(crate) fn fact(&mut self, label: String, value: Option<String>) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            self.facts.push(json!({ "label": label, "value": value }));
        }
    }

    /// A text under its heading; "not answered" when there is none.
    pub(crate) fn text(&mut self, heading: String, body: Option<String>) {
        self.blocks
            .push(json!({ "kind": "text", "heading": heading, "text": body }));
    }

    /// A list under its heading; "none" when empty.
    pub(crate) fn list(&mut self, heading: String, items: Vec<String>) {
        self.blocks
            .push(json!({ "kind": "list", "heading": heading, "items": items }));
    }

    /// A table under its heading; "none" when it has no rows.
    pub(crate) fn table(
        &mut self,
        heading: String,
        columns: Vec<String>,
        rows: Vec<Vec<Value>>,
        layout: Layout,
    ) {
        self.blocks.push(json!({
            "kind": "table",
            "heading": heading,
            "columns": columns,
            "rows": rows,
            "wide": layout.wide,
            "numeric": layout.numeric,
            "total": layout.total,
            "note": layout.note,
        }));
    }

    /// The history, last: when, who, what happened (with its comment).
    pub(crate) fn history(&mut self, lines: Vec<crate::proposal::HistoryLine>) {
        self.table(
            self.t("history"),
            vec![
                self.t("dossier-when"),
                self.t("dossier-who"),
                self.t("dossier-what"),
            ],
            lines
                .into_iter()
                .map(|h| vec![h.when.into(), h.who.into(), noted(h.action, h.comment)])
                .collect(),
            Layout {
                wide: 2,
                ..Layout::default()
            },
        );
    }

    /// The dossier as a PDF named `file_name`, its footer saying when it
    /// was printed (`now`, in `time_zone`).
    pub(crate) fn pdf(
        self,
        file_name: String,
        time_zone: Tz,
        now: DateTime<Utc>,
    ) -> AppResult<Download> {
        let locale = self.locale;
        let mut args = Args::new();
        args.insert(
            "when".into(),
            Formatter::new(locale, time_zone).date_time(now).into(),
        );
        let data = json!({
            "lang": locale.code(),
            "title": self.title,
            "subtitle": self.subtitle,
            "facts": self.facts,
            "blocks": self.blocks,
            "unanswered": text(locale, "read-unanswered"),
            "nothing": text(locale, "dossier-none"),
            "footer": format!(
                "{} · {}",
                text(locale, "service-name"),
                text_with(locale, "dossier-printed", &args)
            ),
        });
        let bytes = grants_dossier::pdf(&data).map_err(|e| AppError::Internal(Box::new(e)))?;
        Ok(Download {
            file_name,
            content_type: "application/pdf",
            bytes,
        })
    }
}
