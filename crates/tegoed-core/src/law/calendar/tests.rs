use super::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Checks a year's holidays against `expected` (dates and names, in order).
fn check_holidays(calendar: Calendar, year: i32, expected: &[(&str, &str)]) {
    let actual: Vec<(String, &str)> = calendar
        .holidays(year)
        .into_iter()
        .map(|(date, name)| (date.to_string(), name))
        .collect();
    let expected: Vec<(String, &str)> = expected
        .iter()
        .map(|(date, name)| ((*date).to_owned(), *name))
        .collect();
    assert_eq!(actual, expected, "holidays of {year}");
}

#[test]
fn easter_by_the_anonymous_algorithm() {
    for (year, easter) in [
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
    ] {
        assert_eq!(easter_sunday(year), Some(day(easter)), "{year}");
    }
}

#[test]
fn holidays_2024() {
    check_holidays(
        Calendar::default(),
        2024,
        &[
            ("2024-01-01", "Nieuwjaarsdag"),
            ("2024-03-29", "Goede Vrijdag"),
            ("2024-03-31", "Eerste Paasdag"),
            ("2024-04-01", "Tweede Paasdag"),
            ("2024-04-27", "Koningsdag"),
            ("2024-05-09", "Hemelvaartsdag"),
            ("2024-05-19", "Eerste Pinksterdag"),
            ("2024-05-20", "Tweede Pinksterdag"),
            ("2024-12-25", "Eerste Kerstdag"),
            ("2024-12-26", "Tweede Kerstdag"),
        ],
    );
}

#[test]
fn holidays_2025_with_koningsdag_on_saturday_and_bevrijdingsdag() {
    check_holidays(
        Calendar::default(),
        2025,
        &[
            ("2025-01-01", "Nieuwjaarsdag"),
            ("2025-04-18", "Goede Vrijdag"),
            ("2025-04-20", "Eerste Paasdag"),
            ("2025-04-21", "Tweede Paasdag"),
            ("2025-04-26", "Koningsdag"),
            ("2025-05-05", "Bevrijdingsdag"),
            ("2025-05-29", "Hemelvaartsdag"),
            ("2025-06-08", "Eerste Pinksterdag"),
            ("2025-06-09", "Tweede Pinksterdag"),
            ("2025-12-25", "Eerste Kerstdag"),
            ("2025-12-26", "Tweede Kerstdag"),
        ],
    );
    assert_eq!(day("2025-04-27").weekday(), Weekday::Sun);
    assert!(!Calendar::default().is_holiday(day("2025-04-27")));
}

#[test]
fn holidays_2026() {
    check_holidays(
        Calendar::default(),
        2026,
        &[
            ("2026-01-01", "Nieuwjaarsdag"),
            ("2026-04-03", "Goede Vrijdag"),
            ("2026-04-05", "Eerste Paasdag"),
            ("2026-04-06", "Tweede Paasdag"),
            ("2026-04-27", "Koningsdag"),
            ("2026-05-14", "Hemelvaartsdag"),
            ("2026-05-24", "Eerste Pinksterdag"),
            ("2026-05-25", "Tweede Pinksterdag"),
            ("2026-12-25", "Eerste Kerstdag"),
            ("2026-12-26", "Tweede Kerstdag"),
        ],
    );
}

#[test]
fn holidays_2027() {
    check_holidays(
        Calendar::default(),
        2027,
        &[
            ("2027-01-01", "Nieuwjaarsdag"),
            ("2027-03-26", "Goede Vrijdag"),
            ("2027-03-28", "Eerste Paasdag"),
            ("2027-03-29", "Tweede Paasdag"),
            ("2027-04-27", "Koningsdag"),
            ("2027-05-06", "Hemelvaartsdag"),
            ("2027-05-16", "Eerste Pinksterdag"),
            ("2027-05-17", "Tweede Pinksterdag"),
            ("2027-12-25", "Eerste Kerstdag"),
            ("2027-12-26", "Tweede Kerstdag"),
        ],
    );
}

#[test]
fn bevrijdingsdag_follows_the_setting() {
    let never = Calendar {
        bevrijdingsdag: Bevrijdingsdag::Never,
    };
    let always = Calendar {
        bevrijdingsdag: Bevrijdingsdag::Always,
    };
    let lustrum = Calendar::default();
    assert_eq!(lustrum.bevrijdingsdag, Bevrijdingsdag::Lustrum);
    assert!(lustrum.is_holiday(day("2025-05-05")));
    assert!(lustrum.is_holiday(day("2030-05-05")));
    assert!(!lustrum.is_holiday(day("2026-05-05")));
    assert!(!never.is_holiday(day("2025-05-05")));
    assert!(always.is_holiday(day("2026-05-05")));
    assert!(!lustrum.is_working_day(day("2025-05-05")));
    assert!(lustrum.is_working_day(day("2026-05-05")));
}

#[test]
fn koninginnedag_before_2014() {
    let holidays = Calendar::default().holidays(2013);
    assert!(holidays.contains(&(day("2013-04-30"), "Koninginnedag")));
    // 30 April 2006 was a Sunday.
    assert!(
        Calendar::default()
            .holidays(2006)
            .contains(&(day("2006-04-29"), "Koninginnedag"))
    );
}

#[test]
fn weekends_are_not_working_days() {
    let calendar = Calendar::default();
    assert!(!calendar.is_working_day(day("2026-01-17")));
    assert!(!calendar.is_working_day(day("2026-01-18")));
    assert!(calendar.is_working_day(day("2026-01-16")));
    assert!(calendar.is_working_day(day("2026-01-19")));
    assert_eq!(calendar.on_or_after(day("2026-01-17")), day("2026-01-19"));
    assert_eq!(calendar.on_or_after(day("2026-01-16")), day("2026-01-16"));
    assert_eq!(calendar.next_after(day("2026-01-16")), day("2026-01-19"));
    assert_eq!(calendar.next_after(day("2026-01-19")), day("2026-01-20"));
}

#[test]
fn holidays_are_skipped_in_a_row() {
    let calendar = Calendar::default();
    // Christmas 2026 on Friday and Saturday: the next working day is Monday.
    assert_eq!(calendar.on_or_after(day("2026-12-25")), day("2026-12-28"));
    // Good Friday to Easter Monday 2026.
    assert_eq!(calendar.next_after(day("2026-04-02")), day("2026-04-07"));
    // Ascension Day 2026 is a Thursday.
    assert_eq!(calendar.next_after(day("2026-05-13")), day("2026-05-15"));
    assert_eq!(calendar.on_or_after(day("2027-01-01")), day("2027-01-04"));
}

#[test]
fn the_ladder_timeline_of_domain_1_2() {
    let calendar = Calendar::default();
    let due = day("2026-01-15");
    let reminder_1 = calendar.add_days_to_working_day(due, 3);
    assert_eq!(reminder_1, day("2026-01-19"));
    let reminder_1_deadline = calendar.add_days_to_working_day(reminder_1, 7);
    assert_eq!(reminder_1_deadline, day("2026-01-26"));
    let first_call = calendar.first_call_day_after(reminder_1_deadline);
    assert_eq!(first_call, day("2026-01-27"));
    let second_call = calendar.next_after(first_call);
    assert_eq!(second_call, day("2026-01-28"));
    let reminder_2 = calendar.next_after(second_call);
    assert_eq!(reminder_2, day("2026-01-29"));
    let reminder_2_deadline = calendar.add_days_to_working_day(reminder_2, 7);
    assert_eq!(reminder_2_deadline, day("2026-02-05"));
    let demand = calendar.next_after(reminder_2_deadline);
    assert_eq!(demand, day("2026-02-06"));
    // B2B: 14 days, then hand-over from the next working day.
    let b2b_end = calendar.add_days_to_working_day(demand, 14);
    assert_eq!(b2b_end, day("2026-02-20"));
    assert_eq!(calendar.next_after(b2b_end), day("2026-02-23"));
    // B2C: presumed delivery, term, costs from the next day.
    assert_eq!(calendar.presumed_delivery(demand), day("2026-02-10"));
    let b2c_end = calendar.consumer_term_end(demand);
    assert_eq!(b2c_end, day("2026-02-24"));
    assert_eq!(calendar.next_after(b2c_end), day("2026-02-25"));
}

#[test]
fn first_call_day_skips_friday_to_monday() {
    let calendar = Calendar::default();
    // After Thursday: Friday and Monday are skipped.
    assert_eq!(
        calendar.first_call_day_after(day("2026-01-22")),
        day("2026-01-27")
    );
    // After Monday: Tuesday.
    assert_eq!(
        calendar.first_call_day_after(day("2026-01-19")),
        day("2026-01-20")
    );
    // After Tuesday: Wednesday.
    assert_eq!(
        calendar.first_call_day_after(day("2026-01-20")),
        day("2026-01-21")
    );
    // Ascension Thursday 14 May 2026 is skipped: Tuesday 19 May.
    assert_eq!(
        calendar.first_call_day_after(day("2026-05-13")),
        day("2026-05-19")
    );
}

#[test]
fn presumed_delivery_of_domain_2_3() {
    let calendar = Calendar::default();
    assert_eq!(
        calendar.presumed_delivery(day("2026-03-03")),
        day("2026-03-05")
    );
    assert_eq!(
        calendar.presumed_delivery(day("2026-01-29")),
        day("2026-01-31")
    );
    assert_eq!(
        calendar.presumed_delivery(day("2026-02-06")),
        day("2026-02-10")
    );
    // Posted Saturday: Sunday and Monday do not count.
    assert_eq!(
        calendar.presumed_delivery(day("2026-01-31")),
        day("2026-02-04")
    );
    // Posted Thursday 2 April 2026: Good Friday and Easter Monday do not count.
    assert_eq!(
        calendar.presumed_delivery(day("2026-04-02")),
        day("2026-04-07")
    );
}

#[test]
fn consumer_term_of_domain_2_3() {
    let calendar = Calendar::default();
    // Posted Tue 3 Mar 2026 → delivered Thu 5 Mar → term 6–19 Mar.
    assert_eq!(
        calendar.consumer_term_end(day("2026-03-03")),
        day("2026-03-19")
    );
    // Posted Fri 6 Feb 2026 → delivered Tue 10 Feb → term 11–24 Feb.
    assert_eq!(
        calendar.consumer_term_end(day("2026-02-06")),
        day("2026-02-24")
    );
    // Posted Thu 29 Jan 2026 → delivered Sat 31 Jan → day 14 is Sat 14 Feb → Mon 16 Feb.
    assert_eq!(
        calendar.consumer_term_end(day("2026-01-29")),
        day("2026-02-16")
    );
}
