//! Dates of record (assets/metadata/calendar.toml): the years of the
//! sessions of the National People's Congress, the five-year plans, and
//! the events whose anniversaries reports cite.

use serde::Deserialize;
use std::sync::LazyLock;

const CALENDAR_TOML: &str = include_str!("../../../assets/metadata/calendar.toml");

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Calendar {
    #[serde(default)]
    npc: Vec<NpcTerm>,
    #[serde(default)]
    plan: Vec<Plan>,
    #[serde(default)]
    anniversary: Vec<Anniversary>,
}

#[derive(Debug, Deserialize)]
struct NpcTerm {
    term: u32,
    first_year: u16,
    #[serde(default)]
    sessions: Vec<u16>,
}

#[derive(Debug, Deserialize)]
struct Plan {
    number: u32,
    first_year: u16,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Anniversary {
    pub year: u16,
    pub names: Vec<String>,
}

/// Sessions per term when a term lists none: the NPC has met once a year
/// for its five-year term since 1983.
const SESSIONS_PER_TERM: u32 = 5;

/// The calendar, parsed on first use. The file is compiled in and checked
/// by the tests, so a parse failure can only mean an edited asset; the
/// rules that need it then find nothing rather than panic.
pub(crate) static CALENDAR: LazyLock<Calendar> =
    LazyLock::new(|| toml::from_str(CALENDAR_TOML).unwrap_or_default());

impl Calendar {
    /// The year of session `session` (1-based) of NPC term `term`.
    pub fn npc_session_year(&self, term: u32, session: u32) -> Option<u16> {
        let t = self.npc.iter().find(|t| t.term == term)?;
        if session == 0 {
            return None;
        }
        if t.sessions.is_empty() {
            (session <= SESSIONS_PER_TERM).then(|| t.first_year + session as u16 - 1)
        } else {
            t.sessions.get(session as usize - 1).copied()
        }
    }

    /// First and last year of five-year plan `number` (`十四五` = 14).
    pub fn plan_years(&self, number: u32) -> Option<(u16, u16)> {
        let p = self.plan.iter().find(|p| p.number == number)?;
        Some((p.first_year, p.first_year + 4))
    }

    pub fn anniversaries(&self) -> &[Anniversary] {
        &self.anniversary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_parses() {
        let c: Calendar = toml::from_str(CALENDAR_TOML).expect("calendar.toml parses");
        assert_eq!(c.npc.len(), 14);
        assert_eq!(c.plan.len(), 15);
        assert!(!c.anniversary.is_empty());
    }

    #[test]
    fn session_years() {
        let c = &*CALENDAR;
        assert_eq!(c.npc_session_year(1, 1), Some(1954));
        assert_eq!(c.npc_session_year(2, 3), Some(1962));
        assert_eq!(c.npc_session_year(3, 1), Some(1964));
        assert_eq!(c.npc_session_year(3, 2), None);
        assert_eq!(c.npc_session_year(5, 3), Some(1980));
        assert_eq!(c.npc_session_year(14, 2), Some(2024));
        assert_eq!(c.npc_session_year(14, 6), None);
        assert_eq!(c.npc_session_year(14, 0), None);
        assert_eq!(c.npc_session_year(99, 1), None);
    }

    #[test]
    fn plan_years() {
        let c = &*CALENDAR;
        assert_eq!(c.plan_years(1), Some((1953, 1957)));
        assert_eq!(c.plan_years(7), Some((1986, 1990)));
        assert_eq!(c.plan_years(14), Some((2021, 2025)));
        assert_eq!(c.plan_years(15), Some((2026, 2030)));
        assert_eq!(c.plan_years(0), None);
    }
}
