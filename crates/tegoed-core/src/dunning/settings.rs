//! The ladder's timings (`domain.md` §1.2: "all timings are settings"),
//! with Tegoed's defaults.

use crate::law::calendar::Calendar;

/// Every timing of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Days after the due date before an invoice counts as overdue for
    /// dunning (default 0).
    pub grace_days: u64,
    /// Days after the due date for the first reminder (default 3: room for
    /// payments made on the due date).
    pub reminder_1_after_days: u64,
    /// The new term a reminder gives, in days (default 7).
    pub reminder_term_days: u64,
    /// Call attempts without an answer before the second reminder (default 2).
    pub call_attempts: usize,
    /// The term of a business demand (*aanmaning*), in days (default 14).
    pub demand_term_days: u64,
    /// Days after a consumer's 14-day term before costs are booked or the
    /// file is handed over (default 0; `domain.md` §2.3 suggests a margin).
    pub consumer_margin_days: u64,
    /// Days a customer who asked for a plan gets before the next call (default 7).
    pub plan_request_days: u64,
    /// The working-day calendar.
    pub calendar: Calendar,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            grace_days: 0,
            reminder_1_after_days: 3,
            reminder_term_days: 7,
            call_attempts: 2,
            demand_term_days: 14,
            consumer_margin_days: 0,
            plan_request_days: 7,
            calendar: Calendar::default(),
        }
    }
}
