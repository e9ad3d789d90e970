//! Time and identity are injected, so that tests and documents are deterministic.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use uuid::Uuid;

/// Unix time in milliseconds, UTC. Stored as an integer; the UI formats it for the user's language.
pub type Millis = i64;

pub trait Clock: Send + Sync {
    fn now(&self) -> Millis;
}

/// Makes record ids offline: UUID v7, so ids sort by creation time and need no coordination.
pub trait IdGen: Send + Sync {
    fn new_id(&self, now: Millis) -> Uuid;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Millis {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
    }
}

/// Random UUID v7 ids for real use.
pub struct RandomIds;

impl IdGen for RandomIds {
    fn new_id(&self, now: Millis) -> Uuid {
        let random: [u8; 10] = *Uuid::new_v4().as_bytes().first_chunk().unwrap_or(&[0; 10]);
        uuid::Builder::from_unix_timestamp_millis(now.max(0) as u64, &random).into_uuid()
    }
}

/// A clock that stands still unless advanced: for tests and deterministic output.
pub struct FixedClock(AtomicU64);

impl FixedClock {
    pub fn at(millis: Millis) -> Self {
        Self(AtomicU64::new(millis.max(0) as u64))
    }

    pub fn advance(&self, millis: Millis) {
        self.0.fetch_add(millis.max(0) as u64, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Millis {
        self.0.load(Ordering::SeqCst) as Millis
    }
}

/// UUID v7 ids whose random part is a counter: the same sequence on every run.
#[derive(Default)]
pub struct SequentialIds(AtomicU64);

impl IdGen for SequentialIds {
    fn new_id(&self, now: Millis) -> Uuid {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        let mut counter = [0u8; 10];
        counter[2..].copy_from_slice(&n.to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(now.max(0) as u64, &counter).into_uuid()
    }
}

/// The calendar date (UTC) of a moment, written YYYY-MM-DD.
pub fn iso_date(millis: Millis) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
    let days = millis.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_known_moments() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
        assert_eq!(iso_date(1_795_824_000_000), "2026-11-28");
        assert_eq!(iso_date(-1), "1969-12-31");
    }

    #[test]
    fn ids_are_version_7_and_sort_by_time() {
        let ids = RandomIds;
        let early = ids.new_id(1_700_000_000_000);
        let late = ids.new_id(1_700_000_000_001);
        assert_eq!(early.get_version_num(), 7);
        assert!(early < late, "a later id must sort after an earlier one");
    }

    #[test]
    fn sequential_ids_repeat_across_runs() {
        let a = SequentialIds::default();
        let b = SequentialIds::default();
        assert_eq!(a.new_id(5), b.new_id(5));
        assert_ne!(a.new_id(5), a.new_id(5), "each call must give a new id");
    }
}
