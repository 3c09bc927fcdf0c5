//! The fee docket (年费管理): the store side of the [`super::rule`]s — the list of fees to pay, a
//! patent's schedule, payments, keep/abandon decisions and marking a patent lapsed. Lists are
//! prefiltered in SQL on a coarse due-date bound, then computed by the rules.

use super::rule::{charge, status_on, term_years, year_fee, DayOff, FeeStatus, Owners, Reduction, YearFee};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus};
use crate::money::{AmountError, Money};
use crate::portfolio::achievement::patent_year;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;

/// `fees due` looks this many days ahead unless told otherwise (docs/cli.md "fees due").
pub const DEFAULT_WITHIN_DAYS: u32 = 90;
/// The furthest a list looks ahead: ten years covers any planning and keeps dates in range.
pub const MAX_WITHIN_DAYS: u32 = 3660;
/// The longest term's last year (an invention's 20th): the paid-through year is at most this (the
/// column's CHECK).
const MAX_PATENT_YEAR: i64 = 20;
/// Longest reason a keep/abandon decision may carry (the column's CHECK).
const MAX_REASON_CHARS: usize = 2000;
/// Longest voucher number kept with a payment.
const MAX_VOUCHER_CHARS: usize = 60;

/// A patent as the fee rules need it.
#[derive(Clone, Debug)]
struct Patent {
    id: i64,
    achievement_no: String,
    title: String,
    application_no: String,
    kind: AchievementKind,
    filed_on: NaiveDate,
    granted_on: Option<NaiveDate>,
    status: AchievementStatus,
    department: String,
    fees_paid_through: Option<i64>,
    paid_through_assumed: bool,
    owners: Owners,
}

/// The columns that fill a [`Patent`] (`a` achievement, `d` department).
const PATENT_COLUMNS: &str = "a.id, a.achievement_no, a.title, a.application_no, a.kind, a.filed_on, a.granted_on, a.status, d.name,
    a.fees_paid_through, a.fees_paid_through_assumed, a.open_license";

impl Patent {
    /// The patent on this row, co-owners still to be counted; `None` for an achievement that is
    /// not a patent (or has no filing date).
    fn from_row(r: &Row<'_>, fee_reduction: bool) -> rusqlite::Result<Option<Patent>> {
        let kind: AchievementKind = r.get(4)?;
        let Some(filed_on) = r.get::<_, Option<NaiveDate>>(5)?.filter(|_| kind.is_patent()) else {
            return Ok(None);
        };
        Ok(Some(Patent {
            id: r.get(0)?,
            achievement_no: r.get(1)?,
            title: r.get(2)?,
            application_no: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            kind,
            filed_on,
            granted_on: r.get(6)?,
            status: r.get(7)?,
            department: r.get(8)?,
            fees_paid_through: r.get(9)?,
            paid_through_assumed: r.get(10)?,
            owners: Owners { fee_reduction, open_license: r.get(11)?, co_owners: 0, co_owners_reduced: 0 },
        }))
    }

    /// The patent year containing the grant date, whose fee is paid at registration.
    fn grant_year(&self) -> Option<i64> {
        self.granted_on.map(|g| patent_year(self.filed_on, g))
    }

    fn term(&self) -> i64 {
        term_years(self.kind, self.filed_on).unwrap_or(0)
    }

    /// The last year paid: the grant year's fee is paid at registration and the years before it
    /// owe none, so it is the recorded year or the grant year, whichever is later (the grant year
    /// when nothing is recorded).
    fn paid_through(&self) -> Option<i64> {
        match (self.fees_paid_through, self.grant_year()) {
            (Some(recorded), Some(grant)) => Some(recorded.max(grant)),
            (recorded, grant) => recorded.or(grant),
        }
    }

    /// The next year to pay, if the term has one left.
    fn next_year(&self) -> Option<i64> {
        self.paid_through().map(|p| p + 1).filter(|y| *y <= self.term())
    }

    fn fee(&self, year: i64, off: DayOff<'_>) -> Option<YearFee> {
        year_fee(self.kind, self.filed_on, &self.owners, self.grant_year(), year, off)
    }

    /// A granted patent in force or lapsed: the ones whose fees can still be paid.
    fn payable(&self) -> bool {
        self.kind.is_patent() && self.granted_on.is_some() && matches!(self.status, AchievementStatus::InForce | AchievementStatus::Lapsed)
    }
}

fn institution_reduction(conn: &Connection) -> Result<bool> {
    // Without a profile nothing says the filing was accepted: no reduction, the safe side.
    Ok(conn.query_row("SELECT fee_reduction FROM institution WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(false))
}

/// Co-owners and those of them with 费减, per achievement: one query for a whole list.
fn co_owner_counts(conn: &Connection) -> Result<std::collections::HashMap<i64, (u32, u32)>> {
    let mut stmt = conn.prepare_cached("SELECT achievement_id, count(*), sum(fee_reduction) FROM co_owner GROUP BY achievement_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The patent whose `column` (achievement_no or id) is `key`: `not_found` when there is no such
/// achievement, `fee_not_applicable` when it is not a patent.
fn find_patent(conn: &Connection, column: &str, key: &dyn rusqlite::ToSql, shown: &str) -> Result<Patent> {
    let reduction = institution_reduction(conn)?;
    let found = conn
        .query_row(
            &format!("SELECT {PATENT_COLUMNS} FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.{column} = ?1"),
            [key],
            |r| Patent::from_row(r, reduction),
        )
        .optional()?;
    let mut p = match found {
        None => return Err(Error::NotFound { what: "achievement", key: shown.to_string() }),
        Some(None) => return Err(refused("fee_not_applicable", shown)),
        Some(Some(p)) => p,
    };
    (p.owners.co_owners, p.owners.co_owners_reduced) =
        conn.query_row("SELECT count(*), coalesce(sum(fee_reduction), 0) FROM co_owner WHERE achievement_id = ?1", params![p.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(p)
}

fn load_patent(conn: &Connection, achievement_no: &str) -> Result<Patent> {
    let key = achievement_no.trim();
    find_patent(conn, "achievement_no", &key, key)
}

/// One fee to pay, as the list, the CLI and the export show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeLine {
    /// 成果编号.
    pub achievement_no: String,
    /// 申请号.
    pub application_no: String,
    /// 专利年度 whose fee this is.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// 缴费日: the year's first day, moved to the next working day off a weekend or holiday.
    pub due_on: NaiveDate,
    /// The table's fee, unreduced.
    pub full_fee_fen: Money,
    /// The fee after reduction, without surcharge.
    pub amount_fen: Money,
    /// 滞纳金 as if paid on the list's day (0 while not overdue).
    pub surcharge_fen: Money,
    /// 宽限期届满: the last day to pay before the patent lapses (moved like the due date).
    pub grace_end_on: NaiveDate,
    /// due, grace or lapsed on the list's day.
    pub status: FeeStatus,
    /// Record id, for links.
    #[ts(type = "number")]
    pub achievement_id: i64,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 所属单位.
    pub department: String,
    /// Why the fee is reduced.
    pub reduction: Reduction,
    /// 恢复费, for a lapsed fee.
    pub restoration_fen: Money,
    /// What to pay on the list's day: fee + surcharge + restoration.
    pub total_fen: Money,
    /// The due date as the law counts it, before the move (equal to `due_on` when not moved).
    pub statutory_due_on: NaiveDate,
    /// Six months after the statutory due date, before the move.
    pub statutory_grace_end_on: NaiveDate,
}

fn line(p: Patent, fee: &YearFee, status: FeeStatus, on: NaiveDate) -> FeeLine {
    let c = charge(fee, on);
    FeeLine {
        achievement_no: p.achievement_no,
        application_no: p.application_no,
        patent_year: fee.patent_year,
        due_on: fee.due_on,
        full_fee_fen: fee.full_fee,
        amount_fen: fee.amount,
        surcharge_fen: c.surcharge,
        grace_end_on: fee.grace_end_on,
        status,
        achievement_id: p.id,
        title: p.title,
        kind: p.kind,
        department: p.department,
        reduction: fee.reduction,
        restoration_fen: c.restoration,
        total_fen: c.total,
        statutory_due_on: fee.statutory_due_on,
        statutory_grace_end_on: fee.statutory_grace_end_on,
    }
}

/// A patent on the fee list with its next unpaid year, before its texts are read.
struct Listed {
    patent: Patent,
    fee: YearFee,
    status: FeeStatus,
}

/// The next unpaid year of every granted patent in force whose fee is due from `on` to `on +
/// within` days, in grace on `on`, or past grace; ordered by due date then achievement number.
/// The title, application number and department are read only with `texts`: a page needs them
/// for its own rows, not for the tabs' counts and totals.
///
/// The table is read in rowid order, not through the status index: two thirds of the rows are in
/// force, and 33,000 lookups from the index cost twice a pass over the table's pages (large
/// demo). SQL drops the patents whose next due date is surely after the bound, without a
/// function call per row: with a paid-through year `n` the next due date is at the earliest the
/// filing date + `n` years, which is ≤ the bound exactly when the filing date is ≤ the bound − `n`
/// years (compared as text; one parameter per `n`); without one, the grant year is paid and the
/// next due date falls after the grant date. A 02-29 filing falls due on 02-28 in a common year but
/// compares as 02-29, so the bound keeps a few days' margin. The exact dates and amounts are
/// computed here; co-owners come in one grouped query, never one per patent.
fn listed(conn: &Connection, on: NaiveDate, within: u32, texts: bool) -> Result<(Vec<Listed>, Calendar)> {
    let reduction = institution_reduction(conn)?;
    let calendar = Calendar::load_in(conn)?;
    let off = |day| calendar.is_day_off(day);
    let bound = on.checked_add_days(Days::new(u64::from(within) + 3)).unwrap_or(on);
    let mut args = vec![crate::date::iso(bound)];
    let years: Vec<String> = (1..=MAX_PATENT_YEAR)
        .map(|n| {
            args.push(format!("{:04}{}", i64::from(bound.year()) - n, bound.format("-%m-%d")));
            format!("WHEN {n} THEN ?{}", args.len())
        })
        .collect();
    // Without texts every column read is in `achievement_fee_scan`; with them each row is read
    // anyway, and a scan of the table beats a lookup per row.
    let (shown, join, path) = if texts {
        (", a.title, a.application_no, d.name", "JOIN department d ON d.id = a.department_id", "NOT INDEXED")
    } else {
        ("", "", "INDEXED BY achievement_fee_scan")
    };
    // The kind is checked here, not in SQL: a non-patent has no term, and an IN list per row costs.
    let sql = format!(
        "SELECT a.id, a.kind, a.filed_on, a.granted_on, a.fees_paid_through, a.open_license, a.achievement_no{shown}
         FROM achievement a {path} {join}
         WHERE a.status = 'in_force' AND a.granted_on IS NOT NULL AND a.filed_on IS NOT NULL
           AND ((a.fees_paid_through IS NULL AND a.granted_on < ?1) OR a.filed_on <= CASE a.fees_paid_through {} END)",
        years.join(" ")
    );
    let co_owners = co_owner_counts(conn)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: AchievementKind = r.get(1)?;
        let (Some(filed_on), Some(granted_on)) = (iso_day(r, 2)?, iso_day(r, 3)?) else { continue };
        if !kind.is_patent() {
            continue;
        }
        let id: i64 = r.get(0)?;
        let (co_owners, co_owners_reduced) = co_owners.get(&id).copied().unwrap_or((0, 0));
        let mut patent = Patent {
            id,
            achievement_no: String::new(),
            title: String::new(),
            application_no: String::new(),
            kind,
            filed_on,
            granted_on: Some(granted_on),
            status: AchievementStatus::InForce,
            department: String::new(),
            fees_paid_through: r.get(4)?,
            paid_through_assumed: false,
            owners: Owners { fee_reduction: reduction, open_license: r.get(5)?, co_owners, co_owners_reduced },
        };
        let Some(fee) = patent.next_year().and_then(|y| patent.fee(y, &off)) else { continue };
        let Some(status) = status_on(&fee, on, within) else { continue };
        // Strings only for the patents listed.
        patent.achievement_no = r.get(6)?;
        if texts {
            patent.title = r.get(7)?;
            patent.application_no = r.get::<_, Option<String>>(8)?.unwrap_or_default();
            patent.department = r.get(9)?;
        }
        out.push(Listed { patent, fee, status });
    }
    out.sort_by(|a, b| a.fee.due_on.cmp(&b.fee.due_on).then_with(|| a.patent.achievement_no.cmp(&b.patent.achievement_no)));
    Ok((out, calendar))
}

/// The years some listed fee's deadlines fall in (or move through) that have no holiday
/// arrangement in the calendar: there only weekends move a deadline, and the office is told
/// rather than left with a guess (docs/rules/fees.md "Weekends and holidays").
fn calendar_missing<'a>(fees: impl Iterator<Item = &'a YearFee>, calendar: &Calendar) -> Vec<i32> {
    let years: std::collections::BTreeSet<i32> = fees.flat_map(YearFee::calendar_years).collect();
    years.into_iter().filter(|y| !calendar.has_year(*y)).collect()
}

/// A date column as the schema keeps it (`YYYY-MM-DD`, CHECKed), read without chrono's format
/// parser: the fee list reads two per patent. Anything else goes through the usual conversion.
fn iso_day(r: &Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    if let rusqlite::types::ValueRef::Text(&[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]) = r.get_ref(column)? {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |d: &[u8]| d.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'));
            let year = i32::try_from(n(&digits[..4])).unwrap_or_default();
            if let Some(day) = NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..])) {
                return Ok(Some(day));
            }
        }
    }
    r.get(column)
}

/// Reads the title, application number and department of the patents of a page, in one query.
fn read_texts(conn: &Connection, patents: &mut [Patent]) -> Result<()> {
    if patents.is_empty() {
        return Ok(());
    }
    let marks = vec!["?"; patents.len()].join(", ");
    let sql = format!(
        "SELECT a.id, a.title, a.application_no, d.name FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.id IN ({marks})"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(patents.iter().map(|p| p.id)))?;
    let mut texts = std::collections::HashMap::new();
    while let Some(r) = rows.next()? {
        texts.insert(
            r.get::<_, i64>(0)?,
            (r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_default(), r.get::<_, String>(3)?),
        );
    }
    for p in patents {
        if let Some((title, application_no, department)) = texts.remove(&p.id) {
            (p.title, p.application_no, p.department) = (title, application_no, department);
        }
    }
    Ok(())
}

/// The next unpaid year of every granted patent in force that is due from `on` to `on +
/// within_days`, in its grace period on `on`, or past it (lapsed, not yet marked so), ordered by
/// due date then achievement number. Surcharges are as if paid on `on`.
pub fn lines(store: &Store, on: NaiveDate, within_days: u32) -> Result<Vec<FeeLine>> {
    let within = within_days.min(MAX_WITHIN_DAYS);
    Ok(listed(store.conn(), on, within, true)?.0.into_iter().map(|l| line(l.patent, &l.fee, l.status, on)).collect())
}

/// What the fee screen asks for: one tab of the list, a page of it.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct FeeQuery {
    /// due, grace or lapsed.
    pub status: FeeStatus,
    /// How far ahead `due` looks, in days (30, 60, 90 …).
    pub within_days: u32,
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
}

/// How many fees each tab holds (the 30/60/90-day counts also serve a dashboard).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct FeeCounts {
    /// Due within the query's window.
    pub due: u32,
    /// Due within 30 days.
    pub due_30: u32,
    /// Due within 60 days.
    pub due_60: u32,
    /// Due within 90 days.
    pub due_90: u32,
    /// In the grace period.
    pub grace: u32,
    /// Past the grace period, still recorded in force (逾期未缴): each is an error of `check`
    /// until its payment (a restoration) or its lapse is recorded.
    pub lapsed: u32,
}

/// A page of one tab.
#[derive(Clone, Debug, Serialize, TS)]
pub struct FeePage {
    /// The day the statuses and surcharges are computed for.
    pub on: NaiveDate,
    /// Rows of the tab, over all pages.
    pub total: u32,
    /// What paying the whole tab costs on `on`.
    pub total_fen: Money,
    /// Rows of every tab.
    pub counts: FeeCounts,
    /// This page.
    pub rows: Vec<FeeLine>,
    /// Years the listed fees' deadlines fall in that have no holiday arrangement entered: only
    /// weekends move those deadlines (a warning, as in `check`).
    pub calendar_missing: Vec<i32>,
}

/// One page of the fees of status `q.status` on `on` (for `due`: within `q.within_days`), with
/// the counts of every tab.
pub fn page(store: &Store, q: &FeeQuery, on: NaiveDate) -> Result<FeePage> {
    listing(store, on, q.within_days)?.page(store, q)
}

/// The fee list on a day, read once and paged as often as needed (the dashboard shows the fees
/// due and those in grace from one pass over the portfolio).
#[derive(Clone)]
pub struct Listing {
    on: NaiveDate,
    all: Arc<[Listed]>,
    calendar_missing: Arc<[i32]>,
}

/// The fee list on `on`, with fees due up to `within_days` ahead (at least 90: the counts).
///
/// Computing it reads every patent in force (the large demo: 18 ms, as much as the rest of the
/// dashboard), yet what it is computed from changes seldom: it is kept, per day and window, for as long as the
/// file's fee docket stamp (schema 18: moved by every write to the patents' fee columns,
/// co-owners, the institution's reduction or the holidays) stays the same. The stamp is read
/// first: a write landing between it and the list leaves a kept list under a stamp that is
/// already gone, never an older list under the newer stamp.
pub fn listing(store: &Store, on: NaiveDate, within_days: u32) -> Result<Listing> {
    let within = within_days.clamp(90, MAX_WITHIN_DAYS);
    let stamp: i64 = store.conn().query_row("SELECT stamp FROM fee_docket_stamp WHERE id = 1", [], |r| r.get(0))?;
    let key = (stamp, on, within);
    if let Some(kept) = kept::find(key) {
        return Ok(kept);
    }
    let (all, calendar) = listed(store.conn(), on, within, false)?;
    let calendar_missing = calendar_missing(all.iter().map(|l| &l.fee), &calendar);
    let listing = Listing { on, all: all.into(), calendar_missing: calendar_missing.into() };
    kept::keep(key, listing.clone());
    Ok(listing)
}

/// The fee lists kept, shared by every store of the process (the office server's readers and
/// writer compute a list once between changes, not once each).
mod kept {
    use super::Listing;
    use chrono::NaiveDate;
    use std::sync::Mutex;

    /// (stamp, day, window).
    pub(super) type Key = (i64, NaiveDate, u32);

    /// The dashboard's window, the fee screen's and a few more; the oldest goes first.
    const KEPT: usize = 4;

    static LISTS: Mutex<Vec<(Key, Listing)>> = Mutex::new(Vec::new());

    pub(super) fn find(key: Key) -> Option<Listing> {
        let lists = LISTS.lock().ok()?;
        lists.iter().find(|(k, _)| *k == key).map(|(_, l)| l.clone())
    }

    pub(super) fn keep(key: Key, listing: Listing) {
        // A poisoned lock only means a panic elsewhere while holding it: nothing is kept then.
        let Ok(mut lists) = LISTS.lock() else { return };
        // Lists of a stamp that has moved on are never asked for again.
        lists.retain(|(k, _)| k.0 == key.0 && *k != key);
        if lists.len() >= KEPT {
            lists.remove(0);
        }
        lists.push((key, listing));
    }
}

impl Listing {
    /// One page of the tab `q` asks for (its window no wider than the listing's).
    pub fn page(&self, store: &Store, q: &FeeQuery) -> Result<FeePage> {
        let mut page = page_of(store.conn(), &self.all, q, self.on)?;
        page.calendar_missing = self.calendar_missing.to_vec();
        Ok(page)
    }

    /// The achievement numbers of the patents recorded in force whose next fee is past its
    /// (moved) end of grace on the listing's day, by due date then number.
    pub fn past_grace(&self) -> Vec<String> {
        self.all.iter().filter(|l| l.status == FeeStatus::Lapsed).map(|l| l.patent.achievement_no.clone()).collect()
    }

    /// The years the listed fees' deadlines need that have no holiday arrangement entered.
    pub fn calendar_missing(&self) -> &[i32] {
        &self.calendar_missing
    }
}

/// One page of `all`, the patents [`listed`] on `on` for at least `q`'s window.
fn page_of(conn: &Connection, all: &[Listed], q: &FeeQuery, on: NaiveDate) -> Result<FeePage> {
    let within = q.within_days.min(MAX_WITHIN_DAYS);
    let until = |days: u32| on.checked_add_days(Days::new(u64::from(days))).unwrap_or(on);
    let (horizon, d30, d60, d90) = (until(within), until(30), until(60), until(90));
    let mut counts = FeeCounts::default();
    for l in all {
        match l.status {
            FeeStatus::Due => {
                counts.due += u32::from(l.fee.due_on <= horizon);
                counts.due_30 += u32::from(l.fee.due_on <= d30);
                counts.due_60 += u32::from(l.fee.due_on <= d60);
                counts.due_90 += u32::from(l.fee.due_on <= d90);
            }
            FeeStatus::Grace => counts.grace += 1,
            FeeStatus::Lapsed => counts.lapsed += 1,
        }
    }
    let tab: Vec<&Listed> =
        all.iter().filter(|l| l.status == q.status && (l.status != FeeStatus::Due || l.fee.due_on <= horizon)).collect();
    let total_fen = Money(tab.iter().map(|l| charge(&l.fee, on).total.0).sum());
    let total = tab.len() as u32;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE) as usize;
    let start = (q.page.max(1) as usize - 1).saturating_mul(size);
    let (mut patents, fees): (Vec<Patent>, Vec<(YearFee, FeeStatus)>) =
        tab.into_iter().skip(start).take(size).map(|l| (l.patent.clone(), (l.fee, l.status))).unzip();
    read_texts(conn, &mut patents)?;
    let rows = patents.into_iter().zip(fees).map(|(p, (fee, status))| line(p, &fee, status, on)).collect();
    Ok(FeePage { on, total, total_fen, counts, rows, calendar_missing: Vec::new() })
}

/// What paying a patent's next year would cost on a day (the pay dialog, `fees pay` beforehand).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeQuote {
    /// 成果编号.
    pub achievement_no: String,
    /// The next unpaid year.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// Its due date.
    pub due_on: NaiveDate,
    /// Its last day of grace.
    pub grace_end_on: NaiveDate,
    /// The day asked about.
    pub paid_on: NaiveDate,
    /// The table's fee.
    pub full_fee_fen: Money,
    /// Why it is reduced.
    pub reduction: Reduction,
    /// The fee after reduction.
    pub amount_fen: Money,
    /// The surcharge band (bp of the full fee).
    #[ts(type = "number")]
    pub surcharge_bp: i64,
    /// 滞纳金.
    pub surcharge_fen: Money,
    /// 恢复费 (after the grace period).
    pub restoration_fen: Money,
    /// Everything to pay.
    pub total_fen: Money,
    /// Paid after the grace period: a restoration.
    pub restores: bool,
}

/// The cost of paying the next unpaid year of `achievement_no` on `paid_on`. Refused with
/// `fee_not_applicable` for anything but a granted patent in force or lapsed, and with
/// `fee_year_beyond_term` when every year of the term is paid.
pub fn quote(store: &Store, achievement_no: &str, paid_on: NaiveDate) -> Result<FeeQuote> {
    let p = load_patent(store.conn(), achievement_no)?;
    if !p.payable() {
        return Err(refused("fee_not_applicable", &p.achievement_no));
    }
    let year = p.paid_through().unwrap_or(0) + 1;
    let calendar = Calendar::load(store)?;
    let fee = p
        .fee(year, &|day| calendar.is_day_off(day))
        .ok_or_else(|| refused("fee_year_beyond_term", format!("{} {year}", p.achievement_no)))?;
    let c = charge(&fee, paid_on);
    Ok(FeeQuote {
        achievement_no: p.achievement_no,
        patent_year: year,
        due_on: fee.due_on,
        grace_end_on: fee.grace_end_on,
        paid_on,
        full_fee_fen: fee.full_fee,
        reduction: fee.reduction,
        amount_fen: fee.amount,
        surcharge_bp: c.surcharge_bp,
        surcharge_fen: c.surcharge,
        restoration_fen: c.restoration,
        total_fen: c.total,
        restores: c.restores,
    })
}

fn refused(code: &'static str, detail: impl Into<String>) -> Error {
    Error::Refused { code, detail: detail.into() }
}

/// A payment as entered (`fees pay`, the pay dialog).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct FeePayment {
    /// 成果编号.
    pub achievement_no: String,
    /// The patent year paid: the one after the paid-through year.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// 缴费日期.
    pub paid_on: NaiveDate,
    /// The amount paid, in yuan as typed (`1,234.50`).
    pub amount: String,
    /// 票据号 / 凭证号.
    pub voucher_no: Option<String>,
}

/// The paid amount differs from what the rules expected: accepted (CNIPA's bill is the truth) but
/// said out loud.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AmountWarning {
    /// What the rules ask for on the payment day.
    pub expected_fen: Money,
    /// What was paid.
    pub paid_fen: Money,
}

/// A recorded payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeePaid {
    /// 成果编号.
    pub achievement_no: String,
    /// The year paid.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// Its due date.
    pub due_on: NaiveDate,
    /// 缴费日期.
    pub paid_on: NaiveDate,
    /// The amount paid.
    pub amount_fen: Money,
    /// What the rules asked for on that day: fee + surcharge + restoration.
    pub expected_fen: Money,
    /// The table's fee.
    pub full_fee_fen: Money,
    /// The fee after reduction.
    pub fee_fen: Money,
    /// 滞纳金.
    pub surcharge_fen: Money,
    /// 恢复费.
    pub restoration_fen: Money,
    /// 凭证号.
    pub voucher_no: Option<String>,
    /// The paid-through year now.
    #[ts(type = "number")]
    pub fees_paid_through: i64,
    /// The patent's status now.
    pub status: AchievementStatus,
    /// The payment restored a lapsed patent.
    pub restored: bool,
    /// Set when the amount differs from the expected one.
    pub warning: Option<AmountWarning>,
}

fn text_problems(field: &str, value: Option<&str>, max: usize, out: &mut Vec<Problem>) {
    if value.is_some_and(|v| v.chars().count() > max) {
        out.push(Problem::field(field, value.unwrap_or_default(), ProblemKind::TooLong(max)));
    }
}

fn date_problem(field: &str, day: NaiveDate, out: &mut Vec<Problem>) {
    if let Err(e) = crate::date::check_range(day) {
        out.push(Problem::field(field, crate::date::iso(day), ProblemKind::Date(e)));
    }
}

/// Records the fee of one patent year (`fees pay`): the year must be the one after the
/// paid-through year (`fee_year_already_paid`, `fee_year_not_next`, `fee_year_beyond_term`), the
/// patent a granted one in force or lapsed (`fee_not_applicable`), the day not after today. The
/// payment keeps what the rules expected on its day; a different amount is accepted with a
/// warning. Paid after the grace period it is a restoration, and a patent recorded lapsed is in
/// force again (the payment cures the lapse in either case). One transaction, audited.
pub fn pay(store: &mut Store, actor: &Actor, input: &FeePayment) -> Result<FeePaid> {
    let mut problems = Vec::new();
    let amount = match Money::parse_yuan(&input.amount) {
        Ok(m) if m == Money::ZERO => {
            problems.push(Problem::field("amount", input.amount.trim(), ProblemKind::Amount(AmountError::Empty)));
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(Problem::field("amount", input.amount.trim(), ProblemKind::Amount(e)));
            None
        }
    };
    if !(1..=20).contains(&input.patent_year) {
        problems.push(Problem::field("patent_year", input.patent_year.to_string(), ProblemKind::Integer(1, 20)));
    }
    date_problem("paid_on", input.paid_on, &mut problems);
    let voucher = input.voucher_no.as_deref().map(str::trim).filter(|v| !v.is_empty());
    text_problems("voucher_no", voucher, MAX_VOUCHER_CHARS, &mut problems);
    let Some(amount) = amount.filter(|_| problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    if input.paid_on > actor.at.date() {
        return Err(refused("date_in_future", crate::date::iso(input.paid_on)));
    }

    let tx = store.write()?;
    let p = load_patent(&tx, &input.achievement_no)?;
    if !p.payable() {
        return Err(refused("fee_not_applicable", &p.achievement_no));
    }
    let year = input.patent_year;
    let paid_through = p.paid_through().unwrap_or(0);
    let recorded: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM fee_payment WHERE achievement_id = ?1 AND patent_year = ?2)",
        params![p.id, year],
        |r| r.get(0),
    )?;
    if year <= paid_through || recorded {
        return Err(refused("fee_year_already_paid", format!("{} {year} ≤ {paid_through}", p.achievement_no)));
    }
    if year > p.term() {
        return Err(refused("fee_year_beyond_term", format!("{} {year} > {}", p.achievement_no, p.term())));
    }
    if year != paid_through + 1 {
        return Err(refused("fee_year_not_next", format!("{} {year} ≠ {}", p.achievement_no, paid_through + 1)));
    }
    let calendar = Calendar::load_in(&tx)?;
    let fee = p
        .fee(year, &|day| calendar.is_day_off(day))
        .ok_or_else(|| refused("fee_year_beyond_term", format!("{} {year}", p.achievement_no)))?;
    let c = charge(&fee, input.paid_on);
    tx.execute(
        "INSERT INTO fee_payment (achievement_id, patent_year, due_on, paid_on, amount_fen, expected_fen, surcharge_fen, restoration_fen, voucher_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![p.id, year, fee.due_on, input.paid_on, amount, c.total, c.surcharge, c.restoration, voucher],
    )?;
    let status = AchievementStatus::InForce;
    tx.execute(
        "UPDATE achievement SET fees_paid_through = ?2, fees_paid_through_assumed = 0, status = ?3, version = version + 1 WHERE id = ?1",
        params![p.id, year, status],
    )?;
    let paid = FeePaid {
        achievement_no: p.achievement_no.clone(),
        patent_year: year,
        due_on: fee.due_on,
        paid_on: input.paid_on,
        amount_fen: amount,
        expected_fen: c.total,
        full_fee_fen: fee.full_fee,
        fee_fen: fee.amount,
        surcharge_fen: c.surcharge,
        restoration_fen: c.restoration,
        voucher_no: voucher.map(str::to_string),
        fees_paid_through: year,
        status,
        restored: p.status == AchievementStatus::Lapsed || c.restores,
        warning: (amount != c.total).then_some(AmountWarning { expected_fen: c.total, paid_fen: amount }),
    };
    let mut journal = Journal::start(&tx, actor)?;
    let key = format!("{}/{year}", p.achievement_no);
    journal.record(&tx, Action::Insert, "fee_payment", &key, None, Some(&serde_json::to_value(&paid).unwrap_or_default()))?;
    let before = serde_json::json!({"fees_paid_through": p.fees_paid_through, "fees_paid_through_assumed": p.paid_through_assumed, "status": p.status});
    let after = serde_json::json!({"fees_paid_through": year, "fees_paid_through_assumed": false, "status": status});
    journal.record(&tx, Action::Update, "achievement", &p.achievement_no, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(paid)
}

/// One fee of a batch: a patent and, when the person saw it on a list, the year they saw.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct FeeBatchItem {
    /// 成果编号.
    pub achievement_no: String,
    /// The patent year meant; null: the next unpaid one. A list sends the year it showed, so that
    /// a fee someone else paid meanwhile is refused rather than the following year paid instead.
    #[ts(type = "number | null")]
    pub patent_year: Option<i64>,
}

/// Several fees paid on one day with one voucher (批量缴费), as the office pays a batch at CNIPA.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct FeeBatch {
    /// The fees, each patent once.
    pub fees: Vec<FeeBatchItem>,
    /// 缴费日期.
    pub paid_on: NaiveDate,
    /// 票据号 / 凭证号, the same for every fee of the batch.
    pub voucher_no: Option<String>,
}

/// A batch recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeBatchPaid {
    /// Each payment, in the batch's order.
    pub payments: Vec<FeePaid>,
    /// Their sum.
    pub total_fen: Money,
}

/// Pays the year asked of each patent of `batch` (it must be the next unpaid one; none asked: the
/// next unpaid one) on the batch's day, each at what the rules ask for
/// on that day (the reduced fee, the surcharge band of its lateness, the restoration fee of a
/// lapsed one: [`quote`]), all in one transaction: if any one fee cannot be paid, nothing is
/// written and the refusal names that patent. A patent listed twice is refused rather than read
/// as two years: a batch pays one year of each.
pub fn pay_batch(store: &mut Store, actor: &Actor, batch: &FeeBatch) -> Result<FeeBatchPaid> {
    let mut problems = Vec::new();
    if batch.fees.is_empty() {
        problems.push(Problem::field("fees", "", ProblemKind::TooFew(1)));
    }
    let mut seen = std::collections::HashSet::new();
    for no in batch.fees.iter().map(|f| f.achievement_no.trim()) {
        if !seen.insert(no) {
            problems.push(Problem::field("fees", no, ProblemKind::RepeatedEntry(no.to_string())));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    store.all_or_nothing(|store| {
        let mut payments = Vec::with_capacity(batch.fees.len());
        for fee in &batch.fees {
            let no = &fee.achievement_no;
            let paid = quote(store, no, batch.paid_on)
                .and_then(|q| {
                    // The quote is for the next unpaid year; a different year asked for is refused
                    // by `pay` (already paid, or not the next one).
                    let payment = FeePayment {
                        achievement_no: q.achievement_no,
                        patent_year: fee.patent_year.unwrap_or(q.patent_year),
                        paid_on: batch.paid_on,
                        amount: q.total_fen.plain(),
                        voucher_no: batch.voucher_no.clone(),
                    };
                    pay(store, actor, &payment)
                })
                .map_err(|e| naming(e, no.trim()))?;
            payments.push(paid);
        }
        let total_fen = Money(payments.iter().map(|p| p.amount_fen.0).sum());
        Ok(FeeBatchPaid { payments, total_fen })
    })
}

/// A patent's fee as the CNIPA batch file needs it ([`super::cnipa`]).
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub(super) achievement_no: String,
    pub(super) application_no: String,
    pub(super) kind: AchievementKind,
    pub(super) fee: YearFee,
}

/// The fee of `year` (none: the next unpaid year) of the patent `achievement_no`, or why it cannot
/// be paid in a batch: an unknown number, not a granted patent, not in force (a patent recorded
/// lapsed, abandoned or expired: the office has recorded its end), a year already paid, beyond the
/// term, or not the next one. Past-grace patents still recorded in force are candidates: paying
/// them is a restoration.
pub(super) fn candidate(
    conn: &Connection,
    off: DayOff<'_>,
    achievement_no: &str,
    year: Option<i64>,
) -> Result<Result<Candidate, ProblemKind>> {
    checked(conn, off, achievement_no, year, false)
}

/// The fee of `year` of a patent whose payment a receipt list records: as [`candidate`], except
/// that a patent recorded lapsed may be paid (the payment restores it, as [`pay`] does).
pub(crate) fn candidate_for_receipt(
    conn: &Connection,
    off: DayOff<'_>,
    achievement_no: &str,
    year: i64,
) -> Result<Result<YearFee, ProblemKind>> {
    Ok(checked(conn, off, achievement_no, Some(year), true)?.map(|c| c.fee))
}

fn checked(
    conn: &Connection,
    off: DayOff<'_>,
    achievement_no: &str,
    year: Option<i64>,
    restoring: bool,
) -> Result<Result<Candidate, ProblemKind>> {
    let p = match load_patent(conn, achievement_no) {
        Ok(p) => p,
        Err(Error::NotFound { key, .. }) => return Ok(Err(ProblemKind::UnknownReference("achievement", key))),
        Err(Error::Refused { code: "fee_not_applicable", .. }) => return Ok(Err(ProblemKind::FeeNotApplicable)),
        Err(e) => return Err(e),
    };
    if p.granted_on.is_none() {
        return Ok(Err(ProblemKind::FeeNotApplicable));
    }
    let lapsed_ok = restoring && p.status == AchievementStatus::Lapsed;
    if p.status != AchievementStatus::InForce && !lapsed_ok {
        return Ok(Err(ProblemKind::FeeNotInForce(p.status.zh().to_string())));
    }
    let paid_through = p.paid_through().unwrap_or(0);
    let next = paid_through + 1;
    let year = year.unwrap_or(next);
    let recorded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM fee_payment WHERE achievement_id = ?1 AND patent_year = ?2)",
        params![p.id, year],
        |r| r.get(0),
    )?;
    if year <= paid_through || recorded {
        return Ok(Err(ProblemKind::FeeYearPaid(paid_through)));
    }
    if year > p.term() {
        return Ok(Err(ProblemKind::FeeBeyondTerm(p.term())));
    }
    if year != next {
        return Ok(Err(ProblemKind::FeeYearNotNext(next)));
    }
    if p.application_no.is_empty() && !restoring {
        return Ok(Err(ProblemKind::RequiredFor("申请号（网上缴费按申请号缴纳）".into())));
    }
    let Some(fee) = p.fee(year, off) else { return Ok(Err(ProblemKind::FeeBeyondTerm(p.term()))) };
    Ok(Ok(Candidate { achievement_no: p.achievement_no, application_no: p.application_no, kind: p.kind, fee }))
}

/// The patent whose stored application number is `normalized` (`ident::application_no`'s form),
/// by its achievement number; `None` when no achievement has it.
pub(crate) fn achievement_by_application_no(conn: &Connection, normalized: &str) -> Result<Option<(String, AchievementKind)>> {
    Ok(conn
        .query_row("SELECT achievement_no, kind FROM achievement WHERE application_no = ?1", [normalized], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The next unpaid fees of the patents in force due within `within_days` of `on` or in grace on
/// it, by due date then number: what a batch file "for the window" holds.
pub(super) fn window_items(store: &Store, on: NaiveDate, within_days: u32) -> Result<Vec<FeeBatchItem>> {
    let within = within_days.min(MAX_WITHIN_DAYS);
    let (all, _) = listed(store.conn(), on, within, false)?;
    Ok(all
        .into_iter()
        .filter(|l| l.status != FeeStatus::Lapsed)
        .map(|l| FeeBatchItem { achievement_no: l.patent.achievement_no, patent_year: Some(l.fee.patent_year) })
        .collect())
}

/// A refusal of one fee of a batch, saying which patent it is about.
fn naming(e: Error, achievement_no: &str) -> Error {
    match e {
        Error::Refused { code, detail } if !detail.contains(achievement_no) => {
            Error::Refused { code, detail: format!("{achievement_no} {detail}").trim_end().to_string() }
        }
        other => other,
    }
}

/// 维持 or 放弃.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeeDecisionKind {
    /// 维持: keep paying.
    Keep,
    /// 放弃: stop paying; the patent is recorded abandoned.
    Abandon,
}

impl FeeDecisionKind {
    fn key(self) -> &'static str {
        match self {
            FeeDecisionKind::Keep => "keep",
            FeeDecisionKind::Abandon => "abandon",
        }
    }
}

impl rusqlite::types::FromSql for FeeDecisionKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match value.as_str()? {
            "keep" => Ok(FeeDecisionKind::Keep),
            "abandon" => Ok(FeeDecisionKind::Abandon),
            other => Err(rusqlite::types::FromSqlError::Other(format!("unknown decision '{other}'").into())),
        }
    }
}

/// A keep/abandon decision as entered.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct FeeDecisionInput {
    /// 成果编号.
    pub achievement_no: String,
    /// 维持 or 放弃.
    pub decision: FeeDecisionKind,
    /// 决定日期.
    pub decided_on: NaiveDate,
    /// 理由 (required).
    pub reason: String,
    /// When the inventors were told (they may take the patent over before it is given up).
    pub inventors_notified_on: Option<NaiveDate>,
    /// Abandon only: the patent is offered to the inventors (赋权) instead of being let go.
    pub grant_to_inventors: bool,
}

/// A recorded decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeDecision {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 维持 or 放弃.
    pub decision: FeeDecisionKind,
    /// 决定日期.
    pub decided_on: NaiveDate,
    /// 理由.
    pub reason: String,
    /// 通知发明人日期.
    pub inventors_notified_on: Option<NaiveDate>,
    /// Offered to the inventors.
    pub grant_to_inventors: bool,
}

/// Records a keep/abandon decision on a granted patent in force or lapsed (`fee_not_applicable`
/// otherwise). The reason is required; granting to the inventors goes only with abandoning. An
/// abandon sets the patent's status to abandoned. One transaction, audited.
pub fn decide(store: &mut Store, actor: &Actor, input: &FeeDecisionInput) -> Result<FeeDecision> {
    let reason = input.reason.trim();
    let mut problems = Vec::new();
    if reason.is_empty() {
        problems.push(Problem::field("reason", "", ProblemKind::Required));
    }
    text_problems("reason", Some(reason), MAX_REASON_CHARS, &mut problems);
    date_problem("decided_on", input.decided_on, &mut problems);
    if let Some(day) = input.inventors_notified_on {
        date_problem("inventors_notified_on", day, &mut problems);
    }
    if input.grant_to_inventors && input.decision == FeeDecisionKind::Keep {
        problems.push(Problem::field("grant_to_inventors", "true", ProblemKind::NotAllowedFor("维持决定".into())));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if input.decided_on > actor.at.date() {
        return Err(refused("date_in_future", crate::date::iso(input.decided_on)));
    }
    let tx = store.write()?;
    let p = load_patent(&tx, &input.achievement_no)?;
    if !p.payable() {
        return Err(refused("fee_not_applicable", &p.achievement_no));
    }
    // Asked through the inventors' side (inventor::portfolio), the inventors were notified by
    // the day the last of them answered (the day it was asked, when none did).
    let asked: Option<NaiveDate> = tx
        .query_row(
            "SELECT coalesce((SELECT max(answered_on) FROM fee_answer WHERE question_id = q.id), q.asked_on)
             FROM fee_question q WHERE q.achievement_id = ?1 AND q.decision_id IS NULL ORDER BY q.id DESC LIMIT 1",
            [p.id],
            |r| r.get(0),
        )
        .optional()?;
    let notified = input.inventors_notified_on.or(asked);
    tx.execute(
        "INSERT INTO fee_decision (achievement_id, decided_on, decision, reason, inventors_notified_on, grant_to_inventors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.id, input.decided_on, input.decision.key(), reason, notified, input.grant_to_inventors],
    )?;
    let saved = FeeDecision {
        id: tx.last_insert_rowid(),
        achievement_no: p.achievement_no.clone(),
        decision: input.decision,
        decided_on: input.decided_on,
        reason: reason.to_string(),
        inventors_notified_on: notified,
        grant_to_inventors: input.grant_to_inventors,
    };
    tx.execute("UPDATE fee_question SET decision_id = ?1 WHERE achievement_id = ?2 AND decision_id IS NULL", params![saved.id, p.id])?;
    let mut journal = Journal::start(&tx, actor)?;
    journal.record(
        &tx,
        Action::Insert,
        "fee_decision",
        &saved.id.to_string(),
        None,
        Some(&serde_json::to_value(&saved).unwrap_or_default()),
    )?;
    if input.decision == FeeDecisionKind::Abandon {
        let status = AchievementStatus::Abandoned;
        tx.execute("UPDATE achievement SET status = ?2, version = version + 1 WHERE id = ?1", params![p.id, status])?;
        let (before, after) = (serde_json::json!({"status": p.status}), serde_json::json!({"status": status}));
        journal.record(&tx, Action::Update, "achievement", &p.achievement_no, Some(&before), Some(&after))?;
    }
    tx.commit()?;
    Ok(saved)
}

/// The keep/abandon decisions of an achievement, oldest first.
pub fn decisions(store: &Store, achievement_id: i64) -> Result<Vec<FeeDecision>> {
    decisions_in(store.conn(), achievement_id)
}

fn decisions_in(conn: &Connection, achievement_id: i64) -> Result<Vec<FeeDecision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, a.achievement_no, f.decision, f.decided_on, f.reason, f.inventors_notified_on, f.grant_to_inventors
         FROM fee_decision f JOIN achievement a ON a.id = f.achievement_id WHERE f.achievement_id = ?1 ORDER BY f.decided_on, f.id",
    )?;
    let rows = stmt.query_map(params![achievement_id], |r| {
        Ok(FeeDecision {
            id: r.get(0)?,
            achievement_no: r.get(1)?,
            decision: r.get(2)?,
            decided_on: r.get(3)?,
            reason: r.get(4)?,
            inventors_notified_on: r.get(5)?,
            grant_to_inventors: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A patent marked lapsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Lapse {
    /// 成果编号.
    pub achievement_no: String,
    /// The unpaid year.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// Its due date, moved off a weekend or holiday (the last day it could be paid without a surcharge).
    pub due_on: NaiveDate,
    /// The grace period ended on this day.
    pub grace_end_on: NaiveDate,
    /// The day the patent ended: the unpaid year's first day as the law counts it. The moves off
    /// weekends and holidays give more time to pay; they do not move the patent year.
    pub lapsed_on: NaiveDate,
}

/// Records that a granted patent in force has lapsed (status → lapsed, audited) because its next
/// year's grace period ended unpaid before `on`; refused with `fee_not_lapsed` while it has not
/// (and `fee_not_applicable` for anything but a granted patent in force).
pub fn mark_lapsed(store: &mut Store, actor: &Actor, achievement_no: &str, on: NaiveDate) -> Result<Lapse> {
    let tx = store.write()?;
    let p = load_patent(&tx, achievement_no)?;
    if !p.payable() || p.status != AchievementStatus::InForce {
        return Err(refused("fee_not_applicable", &p.achievement_no));
    }
    let calendar = Calendar::load_in(&tx)?;
    let fee = p.next_year().and_then(|y| p.fee(y, &|day| calendar.is_day_off(day))).filter(|f| on > f.grace_end_on);
    let Some(fee) = fee else {
        return Err(refused("fee_not_lapsed", &p.achievement_no));
    };
    let status = AchievementStatus::Lapsed;
    tx.execute("UPDATE achievement SET status = ?2, version = version + 1 WHERE id = ?1", params![p.id, status])?;
    let lapse = Lapse {
        achievement_no: p.achievement_no.clone(),
        patent_year: fee.patent_year,
        due_on: fee.due_on,
        grace_end_on: fee.grace_end_on,
        lapsed_on: fee.statutory_due_on,
    };
    let before = serde_json::json!({"status": p.status});
    let mut after = serde_json::to_value(&lapse).unwrap_or_default();
    after["status"] = serde_json::json!(status);
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "achievement", &p.achievement_no, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(lapse)
}

/// Where one year of a schedule stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    /// Before the grant year: no annual fee.
    BeforeGrant,
    /// Paid (at registration, or a recorded payment).
    Paid,
    /// The next year, due within [`DEFAULT_WITHIN_DAYS`].
    Due,
    /// The next year, in its grace period.
    Grace,
    /// The next year, past its grace period.
    Lapsed,
    /// Not due yet.
    Upcoming,
    /// Never to be paid: the patent is abandoned or expired.
    Ended,
}

/// A recorded payment of a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PaymentLine {
    /// 缴费日期.
    pub paid_on: NaiveDate,
    /// Paid.
    pub amount_fen: Money,
    /// What the rules expected on that day.
    pub expected_fen: Money,
    /// 滞纳金 in it.
    pub surcharge_fen: Money,
    /// 恢复费 in it.
    pub restoration_fen: Money,
    /// 凭证号.
    pub voucher_no: Option<String>,
}

/// One patent year of a schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleYear {
    /// 专利年度.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// 缴费日, moved to the next working day off a weekend or holiday.
    pub due_on: NaiveDate,
    /// 宽限期届满, moved likewise.
    pub grace_end_on: NaiveDate,
    /// The due date as the law counts it, before the move.
    pub statutory_due_on: NaiveDate,
    /// Six months after the statutory due date, before the move.
    pub statutory_grace_end_on: NaiveDate,
    /// The table's fee.
    pub full_fee_fen: Money,
    /// Why it is reduced.
    pub reduction: Reduction,
    /// The fee after reduction.
    pub amount_fen: Money,
    /// Where it stands.
    pub status: YearStatus,
    /// 滞纳金 if paid on the schedule's day (grace or lapsed only).
    pub surcharge_fen: Money,
    /// 恢复费 if paid on the schedule's day (lapsed only).
    pub restoration_fen: Money,
    /// The recorded payment, if any.
    pub payment: Option<PaymentLine>,
}

/// A patent's annual fees over its whole term, for its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeSchedule {
    /// Record id.
    #[ts(type = "number")]
    pub achievement_id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 法律状态.
    pub status: AchievementStatus,
    /// The day statuses and surcharges are computed for.
    pub on: NaiveDate,
    /// 保护期 in years.
    #[ts(type = "number")]
    pub term_years: i64,
    /// The patent year of the grant (its fee paid at registration).
    #[ts(type = "number | null")]
    pub grant_year: Option<i64>,
    /// The last year paid (the grant year when nothing is recorded).
    #[ts(type = "number | null")]
    pub paid_through: Option<i64>,
    /// The next year to pay, if any.
    #[ts(type = "number | null")]
    pub next_year: Option<i64>,
    /// The institution's 费减备案 is accepted.
    pub fee_reduction: bool,
    /// 开放许可.
    pub open_license: bool,
    /// 共有人.
    pub co_owners: u32,
    /// Co-owners with their own 费减.
    pub co_owners_reduced: u32,
    /// Every year of the term.
    pub years: Vec<ScheduleYear>,
    /// Keep/abandon decisions, oldest first.
    pub decisions: Vec<FeeDecision>,
    /// Years the next year's deadlines fall in that have no holiday arrangement entered (only
    /// weekends move them there).
    pub calendar_missing: Vec<i32>,
}

/// Every year of a patent's term with its due date, fees, reduction and standing on `on`.
/// Refused with `fee_not_applicable` for an achievement that is not a patent.
pub fn schedule(store: &Store, achievement_id: i64, on: NaiveDate) -> Result<FeeSchedule> {
    let conn = store.conn();
    let p = find_patent(conn, "id", &achievement_id, &achievement_id.to_string())?;
    let mut payments: std::collections::HashMap<i64, PaymentLine> = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT patent_year, paid_on, amount_fen, expected_fen, surcharge_fen, restoration_fen, voucher_no FROM fee_payment WHERE achievement_id = ?1",
    )?;
    let mut rows = stmt.query(params![p.id])?;
    while let Some(r) = rows.next()? {
        let line = PaymentLine {
            paid_on: r.get(1)?,
            amount_fen: r.get(2)?,
            expected_fen: r.get(3)?,
            surcharge_fen: r.get(4)?,
            restoration_fen: r.get(5)?,
            voucher_no: r.get(6)?,
        };
        payments.insert(r.get(0)?, line);
    }
    let grant_year = p.grant_year();
    let paid_through = p.paid_through();
    let next_year = if p.payable() { p.next_year() } else { None };
    let calendar = Calendar::load(store)?;
    let off = |day| calendar.is_day_off(day);
    let next_fee = next_year.and_then(|y| p.fee(y, &off));
    let years = (1..=p.term())
        .filter_map(|year| p.fee(year, &off))
        .map(|fee| {
            let year = fee.patent_year;
            let (mut surcharge, mut restoration) = (Money::ZERO, Money::ZERO);
            let status = if grant_year.is_none_or(|g| year < g) {
                YearStatus::BeforeGrant
            } else if paid_through.is_some_and(|through| year <= through) || payments.contains_key(&year) {
                YearStatus::Paid
            } else if !p.payable() {
                YearStatus::Ended
            } else if Some(year) == next_year {
                match status_on(&fee, on, DEFAULT_WITHIN_DAYS) {
                    Some(s) => {
                        let c = charge(&fee, on);
                        if s != FeeStatus::Due {
                            (surcharge, restoration) = (c.surcharge, c.restoration);
                        }
                        match s {
                            FeeStatus::Due => YearStatus::Due,
                            FeeStatus::Grace => YearStatus::Grace,
                            FeeStatus::Lapsed => YearStatus::Lapsed,
                        }
                    }
                    None => YearStatus::Upcoming,
                }
            } else {
                YearStatus::Upcoming
            };
            ScheduleYear {
                patent_year: year,
                due_on: fee.due_on,
                grace_end_on: fee.grace_end_on,
                statutory_due_on: fee.statutory_due_on,
                statutory_grace_end_on: fee.statutory_grace_end_on,
                full_fee_fen: fee.full_fee,
                reduction: fee.reduction,
                amount_fen: fee.amount,
                status,
                surcharge_fen: surcharge,
                restoration_fen: restoration,
                payment: payments.remove(&year),
            }
        })
        .collect();
    Ok(FeeSchedule {
        achievement_id: p.id,
        achievement_no: p.achievement_no.clone(),
        status: p.status,
        on,
        term_years: p.term(),
        grant_year,
        paid_through,
        next_year,
        fee_reduction: p.owners.fee_reduction,
        open_license: p.owners.open_license,
        co_owners: p.owners.co_owners,
        co_owners_reduced: p.owners.co_owners_reduced,
        years,
        decisions: decisions_in(conn, p.id)?,
        calendar_missing: calendar_missing(next_fee.iter(), &calendar),
    })
}
