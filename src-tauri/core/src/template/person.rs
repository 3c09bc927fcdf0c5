//! The people template (人员): a row read into a [`Person`], checked and written.

use super::row::{Located, Record, RowReader};
use crate::error::Result;
use crate::model::{Category, LeaderLevel, Table};
use crate::people::person::Person;
use crate::problem::ProblemKind;
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

impl Record for Person {
    const TABLE: Table = Table::People;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let employee_id = r.text("employee_id");
        let name = r.text("name");
        let department = r.text("department");
        let category = r.choice("category", Category::parse, Category::choices);
        let leader_level = r.choice("leader_level", LeaderLevel::parse, LeaderLevel::choices);
        let id_number = r.text("id_number").and_then(|t| match crate::ident::id_number(&t) {
            Ok(v) => Some(v),
            Err(_) if t.contains('*') => {
                r.problem("id_number", &t, ProblemKind::MaskedIdNumber);
                None
            }
            Err(e) => {
                r.problem("id_number", &crate::ident::mask(&t), ProblemKind::IdNumber(e));
                None
            }
        });
        let outside_work = match r.text("outside_work").map(|t| crate::people::outside_work::parse_periods(&t)) {
            None => Vec::new(),
            Some(Ok(periods)) => periods,
            Some(Err(problems)) => {
                for (value, kind) in problems {
                    r.problem("outside_work", &value, kind);
                }
                Vec::new()
            }
        };
        if r.problem_count() > before {
            return None;
        }
        Some(Person {
            employee_id: employee_id?,
            name: name?,
            department: department?,
            category: category.unwrap_or(Category::Researcher),
            leader_level: leader_level.unwrap_or(LeaderLevel::None),
            id_number,
            outside_work,
        })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        vec![("employee_id", self.employee_id.clone(), "SELECT count(*) FROM person WHERE employee_id = ?1")]
    }

    fn check(&self, _conn: &Connection, _r: &mut Located<'_>) -> Result<()> {
        Ok(())
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        let department = crate::portfolio::department::ensure(conn, &self.department)?;
        conn.prepare_cached(
            "INSERT INTO person (employee_id, name, department_id, category, leader_level, id_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.employee_id, self.name, department, self.category, self.leader_level, self.id_number])?;
        let id = conn.last_insert_rowid();
        let mut logged = self.clone();
        logged.id_number = logged.id_number.as_deref().map(crate::ident::mask);
        journal.record(
            conn,
            Action::Insert,
            "person",
            &self.employee_id,
            None,
            Some(&serde_json::to_value(&logged).unwrap_or_default()),
        )?;
        crate::people::outside_work::insert_periods(conn, journal, id, &self.employee_id, &self.outside_work)?;
        Ok(None)
    }
}
