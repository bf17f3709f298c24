//! Dutch working days: the public holidays, weekends, and the day counts the
//! dunning ladder and the B2C 14-day letter need (`domain.md` §1.2, §2.3).
//!
//! A working day is a weekday that is not a public holiday. The holidays are
//! those of the Algemene termijnenwet plus Goede Vrijdag and Bevrijdingsdag
//! (many businesses close then; when in doubt Tegoed waits a day longer).
//! Easter is computed with the anonymous Gregorian algorithm. This module
//! knows nothing about regional or company holidays.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Whether 5 May (Bevrijdingsdag) counts as a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bevrijdingsdag {
    /// Never a holiday.
    Never,
    /// A holiday only in years divisible by 5 (the *lustrum* years, as most
    /// collective agreements have it): the default.
    #[default]
    Lustrum,
    /// A holiday every year.
    Always,
}

/// The Dutch working-day calendar with its one setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Calendar {
    /// Whether 5 May is a holiday.
    pub bevrijdingsdag: Bevrijdingsdag,
}

impl Calendar {
    /// The public holidays of `year` with their Dutch names, in date order.
    ///
    /// Koningsdag is 27 April (26 April when the 27th is a Sunday); before
    /// 2014 it was Koninginnedag on 30 April (29 April when the 30th is a
    /// Sunday).
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        let date = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
        let easter = easter_sunday(year);
        let from_easter = |offset: i64| {
            easter.and_then(|easter| {
                if offset < 0 {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs()))
                } else {
                    easter.checked_add_days(Days::new(offset.unsigned_abs()))
                }
            })
        };
        let kings_day = if year >= 2014 {
            match date(4, 27) {
                Some(day) if day.weekday() == Weekday::Sun => (date(4, 26), "Koningsdag"),
                day => (day, "Koningsdag"),
            }
        } else {
            match date(4, 30) {
                Some(day) if day.weekday() == Weekday::Sun => (date(4, 29), "Koninginnedag"),
                day => (day, "Koninginnedag"),
            }
        };
        let liberation_day = match self.bevrijdingsdag {
            Bevrijdingsdag::Never => None,
            Bevrijdingsdag::Lustrum if year % 5 != 0 => None,
            Bevrijdingsdag::Lustrum | Bevrijdingsdag::Always => date(5, 5),
        };
        let mut holidays: Vec<(NaiveDate, &'static str)> = [
            (date(1, 1), "Nieuwjaarsdag"),
            (from_easter(-2), "Goede Vrijdag"),
            (easter, "Eerste Paasdag"),
            (from_easter(1), "Tweede Paasdag"),
            kings_day,
            (liberation_day, "Bevrijdingsdag"),
            (from_easter(39), "Hemelvaartsdag"),
            (from_easter(49), "Eerste Pinksterdag"),
            (from_easter(50), "Tweede Pinksterdag"),
            (date(12, 25), "Eerste Kerstdag"),
            (date(12, 26), "Tweede Kerstdag"),
        ]
        .into_iter()
        .filter_map(|(day, name)| day.map(|day| (day, name)))
        .collect();
        holidays.sort_by_key(|(day, _)| *day);
        holidays
    }

    /// True when `date` is a public holiday.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays(date.year())
            .iter()
            .any(|(holiday, _)| *holiday == date)
    }

    /// True when `date` is neither a Saturday, a Sunday nor a public holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(date)
    }

    /// `date` itself when it is a working day, else the next working day.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// The first working day strictly after `date`.
    pub fn next_after(&self, date: NaiveDate) -> NaiveDate {
        date.succ_opt().map_or(date, |next| self.on_or_after(next))
    }

    /// `date + days`, moved to the next working day when that is not one
    /// (reminder 1 at due + 3 days, a 7-day term's deadline).
    pub fn add_days_to_working_day(&self, date: NaiveDate, days: u64) -> NaiveDate {
        self.on_or_after(
            date.checked_add_days(Days::new(days))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// The first working day strictly after `date` that is a Tuesday,
    /// Wednesday or Thursday: the ladder's first call day (`domain.md` §1.2,
    /// "not Monday; mid-week").
    pub fn first_call_day_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = self.next_after(date);
        while !matches!(day.weekday(), Weekday::Tue | Weekday::Wed | Weekday::Thu) {
            let next = self.next_after(day);
            if next == day {
                break;
            }
            day = next;
        }
        day
    }

    /// The presumed delivery of a letter posted on `posted`: the 2nd day
    /// after posting, not counting Sundays, Mondays and public holidays (no
    /// post is delivered then; `domain.md` §2.3, secondary-source practice).
    /// A Saturday counts: posted Thursday → delivered Saturday.
    pub fn presumed_delivery(&self, posted: NaiveDate) -> NaiveDate {
        let mut day = posted;
        let mut n_counted = 0;
        while n_counted < 2 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            let delivers =
                !matches!(day.weekday(), Weekday::Sun | Weekday::Mon) && !self.is_holiday(day);
            if delivers {
                n_counted += 1;
            }
        }
        day
    }

    /// The last day of the B2C 14-day term (art. 6:96 lid 6 BW) of a letter
    /// posted on `posted`: the term starts the day after presumed delivery,
    /// and its 14th day moves to the next working day when it falls on a
    /// weekend or holiday (the safe side, `domain.md` §2.3). Costs may be
    /// charged from the day after.
    pub fn consumer_term_end(&self, posted: NaiveDate) -> NaiveDate {
        self.add_days_to_working_day(self.presumed_delivery(posted), 14)
    }
}

/// Easter Sunday of `year` (Gregorian), by the anonymous algorithm
/// (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests;
