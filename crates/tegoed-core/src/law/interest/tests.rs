use super::*;
use rust_decimal_macros::dec;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

/// One expected period: from, to, base, rate, days, interest.
type Expected<'a> = (&'a str, &'a str, &'a str, &'a str, i64, &'a str);

/// Checks the total and every period of one computation.
fn check(
    principal: &str,
    due: &str,
    to: &str,
    kind: InterestKind,
    total: &str,
    periods: &[Expected<'_>],
) {
    let computed = statutory_interest(money(principal), day(due), day(to), kind).unwrap();
    let actual: Vec<(String, String, String, String, i64, String)> = computed
        .periods
        .iter()
        .map(|period| {
            (
                period.from.to_string(),
                period.to.to_string(),
                period.base.to_string(),
                format!("{:.2}", period.rate),
                period.days,
                period.interest.to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String, i64, String)> = periods
        .iter()
        .map(|(from, to, base, rate, days, interest)| {
            (
                (*from).to_owned(),
                (*to).to_owned(),
                (*base).to_owned(),
                (*rate).to_owned(),
                *days,
                (*interest).to_owned(),
            )
        })
        .collect();
    assert_eq!(actual, expected, "{principal} due {due} to {to}");
    assert_eq!(
        computed.interest.to_string(),
        total,
        "{principal} due {due} to {to}"
    );
    assert_eq!(computed.principal, money(principal));
    let sum: Money = computed.periods.iter().map(|period| period.interest).sum();
    assert_eq!(sum, computed.interest);
}

#[test]
fn the_rate_table_parses_in_date_order() {
    let table = rates().unwrap();
    assert_eq!(table.len(), 27);
    assert_eq!(table.first().unwrap().from, day("2013-01-01"));
    assert_eq!(table.last().unwrap().from, day("2026-01-01"));
    assert!(table.windows(2).all(|pair| pair[0].from < pair[1].from));
    // One row per half-year, none missing.
    for pair in table.windows(2) {
        let months = (pair[1].from.year() - pair[0].from.year()) * 12
            + i32::try_from(pair[1].from.month()).unwrap()
            - i32::try_from(pair[0].from.month()).unwrap();
        assert_eq!(months, 6, "{} → {}", pair[0].from, pair[1].from);
    }
}

#[test]
fn rates_of_domain_2_4() {
    use InterestKind::{Commercial, Consumer};
    let cases = [
        ("2013-01-01", Commercial, dec!(7.75)),
        ("2013-07-01", Commercial, dec!(8.50)),
        ("2014-03-01", Commercial, dec!(8.25)),
        ("2014-12-31", Commercial, dec!(8.15)),
        ("2015-07-01", Commercial, dec!(8.05)),
        ("2016-01-01", Commercial, dec!(8.05)),
        ("2016-07-01", Commercial, dec!(8.00)),
        ("2022-12-31", Commercial, dec!(8.00)),
        ("2023-01-01", Commercial, dec!(10.50)),
        ("2023-07-01", Commercial, dec!(12.00)),
        ("2024-06-30", Commercial, dec!(12.50)),
        ("2024-07-01", Commercial, dec!(12.25)),
        ("2025-01-01", Commercial, dec!(11.15)),
        ("2025-07-01", Commercial, dec!(10.15)),
        ("2026-01-01", Commercial, dec!(10.15)),
        ("2031-05-05", Commercial, dec!(10.15)),
        ("2013-01-01", Consumer, dec!(3)),
        ("2015-01-01", Consumer, dec!(2)),
        ("2023-01-01", Consumer, dec!(4)),
        ("2023-07-01", Consumer, dec!(6)),
        ("2024-01-01", Consumer, dec!(7)),
        ("2025-01-01", Consumer, dec!(6)),
        ("2025-07-01", Consumer, dec!(5)),
        ("2026-01-01", Consumer, dec!(4)),
    ];
    for (date, kind, rate) in cases {
        assert_eq!(rate_on(day(date), kind), Some(rate), "{date} {kind:?}");
    }
    assert_eq!(rate_on(day("2012-12-31"), Commercial), None);
}

#[test]
fn the_worked_example_of_domain_2_4() {
    check(
        "10000",
        "2024-01-15",
        "2025-03-15",
        InterestKind::Commercial,
        "1437.77",
        &[
            (
                "2024-01-16",
                "2024-06-30",
                "10000.00",
                "12.50",
                167,
                "571.92",
            ),
            (
                "2024-07-01",
                "2024-12-31",
                "10000.00",
                "12.25",
                184,
                "617.53",
            ),
            ("2025-01-01", "2025-01-15", "10000.00", "11.15", 15, "45.82"),
            (
                "2025-01-16",
                "2025-03-15",
                "11235.27",
                "11.15",
                59,
                "202.50",
            ),
        ],
    );
}

#[test]
fn the_demand_letter_example_of_letters_md() {
    check(
        "1000.00",
        "2026-01-15",
        "2026-02-06",
        InterestKind::Commercial,
        "6.12",
        &[("2026-01-16", "2026-02-06", "1000.00", "10.15", 22, "6.12")],
    );
}

#[test]
fn one_day_of_interest() {
    // 1000 × 10.15 % / 365 = 0.2780…
    check(
        "1000",
        "2026-01-15",
        "2026-01-16",
        InterestKind::Commercial,
        "0.28",
        &[("2026-01-16", "2026-01-16", "1000.00", "10.15", 1, "0.28")],
    );
}

#[test]
fn nothing_when_paid_on_or_before_the_due_date() {
    for to in ["2024-01-15", "2024-01-01"] {
        let computed = statutory_interest(
            money("10000"),
            day("2024-01-15"),
            day(to),
            InterestKind::Commercial,
        )
        .unwrap();
        assert_eq!(computed.interest, Money::ZERO);
        assert!(computed.periods.is_empty());
    }
}

#[test]
fn nothing_on_a_principal_of_zero_or_less() {
    for principal in ["0", "-100"] {
        let computed = statutory_interest(
            money(principal),
            day("2024-01-15"),
            day("2025-03-15"),
            InterestKind::Commercial,
        )
        .unwrap();
        assert_eq!(computed.interest, Money::ZERO, "{principal}");
        assert!(computed.periods.is_empty(), "{principal}");
    }
}

#[test]
fn consumer_rate() {
    // 2025: 6 % until 30 June, 5 % from 1 July.
    check(
        "1000",
        "2025-05-31",
        "2025-07-31",
        InterestKind::Consumer,
        "9.18",
        &[
            ("2025-06-01", "2025-06-30", "1000.00", "6.00", 30, "4.93"),
            ("2025-07-01", "2025-07-31", "1000.00", "5.00", 31, "4.25"),
        ],
    );
}

#[test]
fn a_start_on_29_february_has_its_years_from_1_march() {
    // First interest day 29 Feb 2024; the second year starts 1 Mar 2025.
    check(
        "1000",
        "2024-02-28",
        "2025-03-10",
        InterestKind::Commercial,
        "125.32",
        &[
            ("2024-02-29", "2024-06-30", "1000.00", "12.50", 123, "42.12"),
            ("2024-07-01", "2024-12-31", "1000.00", "12.25", 184, "61.75"),
            ("2025-01-01", "2025-02-28", "1000.00", "11.15", 59, "18.02"),
            ("2025-03-01", "2025-03-10", "1121.89", "11.15", 10, "3.43"),
        ],
    );
    // And in a later leap year the year still starts 1 March.
    assert_eq!(
        anniversary_of(day("2024-02-29"), 4),
        Some(day("2028-03-01"))
    );
    assert_eq!(
        anniversary_of(day("2024-01-16"), 1),
        Some(day("2025-01-16"))
    );
}

#[test]
fn several_years_compound_each_year() {
    let computed = statutory_interest(
        money("1000"),
        day("2018-12-31"),
        day("2021-12-31"),
        InterestKind::Commercial,
    )
    .unwrap();
    // Three whole years at 8 %, each split at 1 July: 80.00 on 1000.00, then
    // 86.64 on 1080.00 (2020 has 366 days, still over 365), then 93.33 on
    // 1166.64.
    let bases: Vec<String> = computed
        .periods
        .iter()
        .map(|period| period.base.to_string())
        .collect();
    assert_eq!(
        bases,
        [
            "1000.00", "1000.00", "1080.00", "1080.00", "1166.64", "1166.64"
        ]
    );
    assert_eq!(computed.interest.to_string(), "259.97");
}

#[test]
fn before_the_table_is_no_rate() {
    let error = statutory_interest(
        money("1000"),
        day("2012-06-01"),
        day("2013-06-01"),
        InterestKind::Commercial,
    )
    .unwrap_err();
    assert_eq!(
        error,
        LawError::NoRate {
            date: day("2012-06-02")
        }
    );
    assert!(error.to_string().contains("2012-06-02"), "{error}");
}

#[test]
fn a_malformed_table_is_an_error_naming_the_line() {
    let check_error = |text: &str, line: usize, fragment: &str| match parse_rates(text) {
        Err(LawError::RateTable {
            line: actual,
            message,
        }) => {
            assert_eq!(actual, line, "{text}");
            assert!(message.contains(fragment), "{message}");
        }
        other => panic!("{text}: {other:?}"),
    };
    check_error("from,rate\n", 1, "header");
    check_error(
        "from,consumer,commercial\n2024-13-01,7,12.5\n",
        2,
        "YYYY-MM-DD",
    );
    check_error(
        "from,consumer,commercial\n2024-01-01,7\n",
        2,
        "three fields",
    );
    check_error(
        "from,consumer,commercial\n2024-01-01,seven,12.5\n",
        2,
        "percentage",
    );
    check_error(
        "from,consumer,commercial\n2024-07-01,7,12.25\n2024-01-01,7,12.5\n",
        3,
        "date order",
    );
    check_error("from,consumer,commercial\n", 1, "at least one row");
    let parsed =
        parse_rates("# comment\nfrom,consumer,commercial\n\n2024-01-01,7,12.50\n").unwrap();
    assert_eq!(parsed.len(), 1);
}
