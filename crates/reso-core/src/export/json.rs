//! The agenda as JSON for scripts: the header facts, then each follow-up joined with its
//! commitment (text, area, resolution), in agenda order. Field order is fixed by the structs.

use serde::Serialize;

use super::agenda::{Agenda, Row};
use crate::date::iso;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    date: String,
    selection: Option<&'a str>,
    counts: Counts,
    resolutions: Vec<ResolutionOut<'a>>,
    followups: Vec<FollowupOut<'a>>,
}

#[derive(Serialize)]
struct Counts {
    total: usize,
    overdue: usize,
    by_status: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct ResolutionOut<'a> {
    id: &'a str,
    title: &'a str,
    adopted: Option<&'a str>,
    followups: usize,
}

#[derive(Serialize)]
struct FollowupOut<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    resolution: Option<&'a str>,
    /// `null` for recitals and for follow-ups not in the loaded resolutions.
    area: Option<AreaOut<'a>>,
    status: &'a str,
    owner: Option<&'a str>,
    due: Option<&'a str>,
    overdue: bool,
    note: Option<&'a str>,
    /// `null` when the commitment is not in the loaded resolutions.
    text: Option<&'a str>,
    text_changed: bool,
    /// The reference names nothing in the loaded resolutions.
    orphaned: bool,
    /// When the follow-up last changed, RFC 3339 in UTC.
    updated: Option<String>,
    /// Who made that change.
    updated_by: Option<&'a str>,
}

#[derive(Serialize)]
struct AreaOut<'a> {
    id: &'a str,
    heading: &'a str,
    title: &'a str,
}

pub(super) fn render(agenda: &Agenda) -> String {
    let document = Document {
        format: "reso-agenda",
        version: 1,
        date: iso(agenda.today),
        selection: agenda.selection.as_deref(),
        counts: Counts {
            total: agenda.total(),
            overdue: agenda.overdue,
            by_status: agenda
                .counts
                .iter()
                .map(|(s, n)| (s.clone(), (*n).into()))
                .collect(),
        },
        resolutions: agenda
            .per_resolution()
            .into_iter()
            .map(|(res, n)| ResolutionOut {
                id: &res.id,
                title: &res.title,
                adopted: res.adopted.date.as_deref(),
                followups: n,
            })
            .collect(),
        followups: agenda.all().map(|row| followup(agenda, row)).collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).expect("the agenda serialises");
    out.push('\n');
    out
}

fn followup<'a>(agenda: &Agenda<'a>, row: &Row<'a>) -> FollowupOut<'a> {
    let e = row.entry;
    FollowupOut {
        reference: &e.reference,
        resolution: agenda.resolution(row).map(|r| r.id.as_str()),
        area: agenda.area(row).map(|a| AreaOut {
            id: &a.id,
            heading: a.heading.as_deref().unwrap_or_default(),
            title: a.display_title(),
        }),
        status: e.status.as_str(),
        owner: e.owner.as_deref(),
        due: e.due.as_deref(),
        overdue: row.overdue,
        note: e.note.as_deref(),
        text: agenda.text(row),
        text_changed: e.text_changed,
        orphaned: row.item.is_none(),
        updated: e.updated.map(|t| t.to_string()),
        updated_by: e.updated_by.as_deref(),
    }
}
