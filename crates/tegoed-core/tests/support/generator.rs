//! A generated business to meet the matcher the way the product meets
//! reality: customers with noisy names and known or unknown IBANs, open
//! invoices (some with a payment reference, a few credit notes), and bank
//! payments in every form the issues list — references, invoice numbers
//! written many ways and split by line wraps, end-to-end ids, IBAN only,
//! name only, amount only, combined (all, some or none named), partial,
//! over and short payments, credit notes netted — plus traps: a wrong
//! invoice number typed, payment providers, double payments, two readings
//! that fit one payment, and money that is not a customer payment.
//!
//! Amounts repeat as in a real business (issue 17): a third of the
//! customers pay a monthly fee from a short list, billed to each of them
//! many times, and other invoices often carry one of a few recurring
//! prices. Payer names are noisy (upper case, legal form dropped, a typo,
//! cut short) in every form that carries the customer's name.
//!
//! Every payment carries the truth: the allocations a careful person would
//! make, or none; which invoices it designates (the others could be any of
//! the customer's invoices of the same amount); and whether two readings
//! fit it equally well. Used by `tests/matching_quality.rs` and
//! `benches/matching.rs`; deterministic for a seed.

#![allow(
    dead_code,
    reason = "shared by a test and a bench that use different parts"
)]

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use tegoed_core::matching::{Customer, Knowledge, OpenItem, Payment};
use tegoed_core::money::Money;
use tegoed_core::reference::{betalingskenmerk, iban, ogm, rf};

/// A generated world and the truth about its payments.
pub struct World {
    /// The open items.
    pub items: Vec<OpenItem>,
    /// The payments to place.
    pub payments: Vec<Payment>,
    /// What is known about customers.
    pub knowledge: Knowledge,
    /// Per transaction id, the right allocations (invoice id, amount); absent
    /// when the payment should not be allocated at all.
    pub truth: HashMap<i64, Vec<(i64, Money)>>,
    /// Per transaction id, the scenario that made it.
    pub scenario: HashMap<i64, &'static str>,
    /// Per transaction id, the invoices the payment designates (by
    /// reference or number). Any other invoice in its truth may be swapped
    /// for one of the same customer and the same amount: without a
    /// designation nobody can tell them apart, and paying either leaves the
    /// customer owing the same.
    pub named: HashMap<i64, Vec<i64>>,
    /// Transactions that two or more readings fit equally well: they must
    /// never be booked automatically.
    pub ambiguous: std::collections::HashSet<i64>,
}

/// SplitMix64: small, fast, good enough to make test data.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    /// True with `percent` % chance.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[(self.next() % list.len() as u64) as usize]
    }
}

const TRADES: [&str; 24] = [
    "Bakkerij",
    "Bouwbedrijf",
    "Hoveniersbedrijf",
    "Installatiebedrijf",
    "Kapsalon",
    "Garage",
    "Schildersbedrijf",
    "Transport",
    "Adviesbureau",
    "Drukkerij",
    "Restaurant",
    "Café",
    "Fietsenmaker",
    "Loodgietersbedrijf",
    "Dakdekkersbedrijf",
    "Tandartspraktijk",
    "Fysiotherapie",
    "Bloemisterij",
    "Slagerij",
    "Timmerbedrijf",
    "Autobedrijf",
    "Notariskantoor",
    "Architectenbureau",
    "Cateringbedrijf",
];

const SURNAMES: [&str; 60] = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Jong",
    "Schouten",
    "van Beek",
    "Willems",
    "van Dijk",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "van Wijk",
    "Postma",
    "Kramer",
    "Groen",
    "Yılmaz",
    "Öztürk",
    "Müller",
    "Çelik",
    "Sánchez",
    "Hoogendoorn",
    "Zwart",
    "Wouters",
    "Claassen",
    "Evers",
    "Lambrechts",
];

const CITIES: [&str; 20] = [
    "Utrecht",
    "Zeist",
    "Houten",
    "Amersfoort",
    "Nieuwegein",
    "IJsselstein",
    "Woerden",
    "Bunnik",
    "Maarssen",
    "Baarn",
    "Soest",
    "Veenendaal",
    "Culemborg",
    "Vianen",
    "Breukelen",
    "Leusden",
    "Driebergen",
    "Doorn",
    "Wijk",
    "Montfoort",
];

const LEGAL: [&str; 6] = ["B.V.", "V.O.F.", "", "& Zonen", "Eenmanszaak", "BV"];

fn customer_name(random: &mut Random, index: usize) -> String {
    let trade = random.pick(&TRADES);
    let surname = random.pick(&SURNAMES);
    let legal = random.pick(&LEGAL);
    // Enough variety that most names are unique, as in a real customer list.
    let city = CITIES[index % CITIES.len()];
    let name = if index.is_multiple_of(3) {
        format!("{trade} {surname} {legal}")
    } else {
        format!("{trade} {surname} {city} {legal}")
    };
    name.trim().to_owned()
}

/// How a payer's bank writes the name: upper case, without the legal form,
/// with a typo (letters swapped, dropped or doubled), cut at 18 to 30
/// characters (banks and payment apps cut at different lengths).
fn noisy_name(random: &mut Random, name: &str) -> String {
    let mut written = name.to_uppercase();
    if random.chance(50) {
        for legal in ["B.V.", "BV", "V.O.F.", "EENMANSZAAK"] {
            written = written.replace(legal, "");
        }
    }
    if random.chance(30) {
        let mut characters: Vec<char> = written.chars().collect();
        let at = 3 + (random.next() as usize) % (characters.len().saturating_sub(5).max(1));
        if at + 1 < characters.len() {
            match random.between(0, 2) {
                0 => characters.swap(at, at + 1),
                1 => {
                    characters.remove(at);
                }
                _ => {
                    let doubled = characters[at];
                    characters.insert(at, doubled);
                }
            }
        }
        written = characters.into_iter().collect();
    }
    if random.chance(20) {
        let keep = random.between(18, 30) as usize;
        written = written.chars().take(keep).collect();
    }
    written.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Monthly fees a business bills many customers, each several times.
const FEES: [i64; 12] = [
    4_900, 5_950, 7_500, 9_500, 12_100, 12_500, 15_000, 18_150, 25_000, 30_250, 35_000, 60_500,
];

/// Prices that recur across customers (VAT included, so round amounts of
/// €50, €100, €200 … become €60.50, €121.00, €242.00 …).
const PRICES: [i64; 10] = [
    6_050, 12_100, 24_200, 36_300, 48_400, 60_500, 72_600, 121_000, 181_500, 242_000,
];

fn customer_iban(index: usize) -> String {
    let banks = ["INGB", "RABO", "ABNA", "TRIO", "ASNB", "KNAB", "BUNQ"];
    iban::from_parts(
        "NL",
        &format!(
            "{}0{:09}",
            banks[index % banks.len()],
            100_000_000 + index * 7919
        ),
    )
    .unwrap_or_default()
}

fn stranger_iban(random: &mut Random) -> String {
    iban::from_parts(
        "NL",
        &format!("INGB0{:09}", random.between(600_000_000, 699_999_999)),
    )
    .unwrap_or_default()
}

/// Generates a world of `n_customers`, `n_invoices` open items and
/// `n_payments` bank transactions. When there are more invoice payments
/// than invoices, invoices are paid again (only sensible for a benchmark).
pub fn generate(n_customers: usize, n_invoices: usize, n_payments: usize, seed: u64) -> World {
    let mut random = Random::new(seed);
    let start: NaiveDate = "2025-06-01".parse().unwrap_or_default();
    let customers: Vec<Customer> = (0..n_customers)
        .map(|index| Customer {
            id: index as i64 + 1,
            code: format!("K{:05}", index + 1),
            name: customer_name(&mut random, index),
        })
        .collect();
    let ibans: Vec<(String, i64)> = (0..n_customers)
        .filter(|index| index % 5 != 4)
        .map(|index| (customer_iban(index), index as i64 + 1))
        .collect();
    let knowledge = Knowledge {
        customers: customers.clone(),
        ibans,
        shared_ibans: vec!["NL55DEUT0000000001".to_owned()],
        earlier: Vec::new(),
    };

    // A third of the customers pay a monthly fee: most of their invoices
    // are that fee, the same amount many other customers pay.
    let fees: Vec<Option<i64>> = (0..n_customers)
        .map(|index| (index % 3 == 1).then(|| *random.pick(&FEES)))
        .collect();

    // Invoices, numbered per year, some with a reference; every 40th a credit note.
    let mut items: Vec<OpenItem> = Vec::with_capacity(n_invoices);
    let mut sequence: HashMap<i32, u64> = HashMap::new();
    let width = if n_invoices > 15_000 { 5 } else { 4 };
    for index in 0..n_invoices {
        let customer = (random.next() % n_customers as u64) as i64 + 1;
        let invoice_date = start + Days::new(random.between(0, 300));
        let year = chrono::Datelike::year(&invoice_date);
        let next = sequence.entry(year).or_insert(0);
        *next += 1;
        let credit_note = index % 40 == 39;
        let number = if credit_note {
            format!("C{year}-{:0width$}", *next)
        } else {
            format!("{year}-{:0width$}", *next)
        };
        let fee = fees[(customer - 1) as usize];
        let cents = match fee {
            Some(fee) if random.chance(75) => fee,
            _ if random.chance(40) => *random.pick(&PRICES),
            _ => random.between(2_500, 600_000) as i64,
        };
        let payload = year as u64 * 100_000 + *next;
        let reference = match index % 10 {
            0..=3 => betalingskenmerk::issue(payload),
            4 => rf::issue(&payload.to_string()),
            5 => ogm::issue(payload),
            _ => None,
        };
        items.push(OpenItem {
            invoice_id: index as i64 + 1,
            number,
            customer_id: customer,
            open: if credit_note {
                Money::from_cents(-cents / 10)
            } else {
                Money::from_cents(cents)
            },
            invoice_date,
            due_date: invoice_date + Days::new(30),
            currency: "EUR".to_owned(),
            reference: if credit_note { None } else { reference },
            credit_note,
            disputed: false,
            instalments: Vec::new(),
        });
    }
    let mut by_customer: HashMap<i64, Vec<usize>> = HashMap::new();
    for (position, item) in items.iter().enumerate() {
        by_customer
            .entry(item.customer_id)
            .or_default()
            .push(position);
    }
    let invoices: Vec<usize> = (0..items.len())
        .filter(|position| !items[*position].credit_note)
        .collect();
    let mut order = invoices.clone();
    for index in (1..order.len()).rev() {
        let other = (random.next() % (index as u64 + 1)) as usize;
        order.swap(index, other);
    }

    let mut world = World {
        items: Vec::new(),
        payments: Vec::with_capacity(n_payments),
        knowledge,
        truth: HashMap::new(),
        scenario: HashMap::new(),
        named: HashMap::new(),
        ambiguous: std::collections::HashSet::new(),
    };
    let mut used: Vec<bool> = vec![false; items.len()];
    let mut cursor = 0;
    let mut paid_before: Vec<usize> = Vec::new();
    // The next invoice nobody paid yet; once all are taken (a benchmark with
    // more payments than invoices), any.
    let mut next_invoice = |used: &mut Vec<bool>| -> usize {
        let mut position = order[cursor % order.len()];
        while used[position] && cursor < order.len() {
            cursor += 1;
            position = order[cursor % order.len()];
        }
        cursor += 1;
        used[position] = true;
        position
    };
    for transaction in 0..n_payments {
        let transaction_id = transaction as i64 + 1;
        let roll = random.between(0, 99);
        let target = next_invoice(&mut used);
        let item = items[target].clone();
        let customer_index = (item.customer_id - 1) as usize;
        let customer = &world.knowledge.customers[customer_index];
        let own_iban = customer_iban(customer_index);
        let payer = noisy_name(&mut random, &customer.name);
        let booking_date = item.invoice_date + Days::new(random.between(1, 60));
        let number = item.number.clone();
        let (year, seq) = number.split_once('-').unwrap_or(("", ""));
        let short_seq = seq.trim_start_matches('0').to_owned();
        let mut payment = Payment {
            transaction_id,
            booking_date,
            amount: item.open,
            currency: "EUR".to_owned(),
            counterparty_name: Some(payer.clone()),
            counterparty_iban: Some(own_iban.clone()),
            remittance: None,
            structured_reference: None,
            end_to_end_id: None,
            ..Payment::default()
        };
        let mut truth = Some(vec![(item.invoice_id, item.open)]);
        // The invoices the payment designates; the others in its truth could
        // be any of the customer's open invoices of the same amount.
        let mut named: Vec<i64> = vec![item.invoice_id];
        let scenario: &'static str = match roll {
            0..=16 if item.reference.is_some() => {
                if random.chance(50) {
                    payment.structured_reference = item.reference.clone();
                } else {
                    payment.remittance = Some(format!(
                        "Betaling {}",
                        item.reference.clone().unwrap_or_default()
                    ));
                }
                "reference"
            }
            0..=26 => {
                let noise = *random.pick(&[
                    "",
                    " bedankt",
                    " termijn 1",
                    " 15-03-2026",
                    " PO 4500012345",
                    " Utrecht 3511 AB",
                ]);
                payment.remittance = Some(format!("Factuur {number}{noise}"));
                "number plain"
            }
            27..=33 => {
                let form = match random.between(0, 5) {
                    0 => format!("fact {year}/{short_seq}"),
                    1 => format!("INV {year} {seq}"),
                    2 => format!("factuurnr. {year}{seq}"),
                    3 => format!("F{year}.{seq} dank u"),
                    4 => {
                        // An MT940 wrap inside the number.
                        let split = 2.min(seq.len());
                        format!("Factuur {year}-{} {}", &seq[..split], &seq[split..])
                    }
                    _ => format!("betaling {year}{seq}"),
                };
                payment.remittance = Some(form);
                "number forms"
            }
            34..=37 => {
                payment.remittance = Some(format!("fact {short_seq}"));
                "bare sequence"
            }
            38..=41 => {
                payment.end_to_end_id = Some(format!("INV-{number}"));
                payment.remittance = Some("bedankt".to_owned());
                "end-to-end id"
            }
            42..=49 => {
                payment.remittance = Some(
                    random
                        .pick(&["", "betaling", "zie factuur", "termijn"])
                        .to_string(),
                );
                named.clear();
                "iban and amount"
            }
            50..=53 => {
                // Two or three of the customer's invoices named, paid together.
                let mut set: Vec<usize> = by_customer[&item.customer_id]
                    .iter()
                    .copied()
                    .filter(|position| {
                        *position != target && !items[*position].credit_note && !used[*position]
                    })
                    .take(random.between(1, 2) as usize)
                    .collect();
                for position in &set {
                    used[*position] = true;
                }
                set.insert(0, target);
                let numbers: Vec<&str> = set
                    .iter()
                    .map(|position| items[*position].number.as_str())
                    .collect();
                payment.amount = set.iter().map(|position| items[*position].open).sum();
                payment.booking_date = latest(&items, &set) + Days::new(random.between(1, 20));
                payment.remittance = Some(format!("Facturen {}", numbers.join(" en ")));
                named = set
                    .iter()
                    .map(|position| items[*position].invoice_id)
                    .collect();
                truth = Some(
                    set.iter()
                        .map(|position| (items[*position].invoice_id, items[*position].open))
                        .collect(),
                );
                "combined named"
            }
            54..=56 => {
                // Two or three of the customer's invoices paid together, only
                // the first named: the amount says which others.
                let set: Vec<usize> = by_customer[&item.customer_id]
                    .iter()
                    .copied()
                    .filter(|position| {
                        *position != target && !items[*position].credit_note && !used[*position]
                    })
                    .take(random.between(1, 2) as usize)
                    .collect();
                for position in &set {
                    used[*position] = true;
                }
                let mut all = vec![target];
                all.extend(set);
                payment.amount = all.iter().map(|position| items[*position].open).sum();
                payment.booking_date = latest(&items, &all) + Days::new(random.between(1, 20));
                let form = *random.pick(&[
                    "Factuur {} e.a.",
                    "fact {} en vorige",
                    "{} + openstaand",
                    "Facturen o.a. {}",
                ]);
                payment.remittance = Some(form.replace("{}", &number));
                truth = Some(
                    all.iter()
                        .map(|position| (items[*position].invoice_id, items[*position].open))
                        .collect(),
                );
                "combined partly named"
            }
            57..=59 => {
                let set: Vec<usize> = by_customer[&item.customer_id]
                    .iter()
                    .copied()
                    .filter(|position| {
                        *position != target && !items[*position].credit_note && !used[*position]
                    })
                    .take(1)
                    .collect();
                for position in &set {
                    used[*position] = true;
                }
                let mut all = vec![target];
                all.extend(set);
                payment.amount = all.iter().map(|position| items[*position].open).sum();
                payment.booking_date = latest(&items, &all) + Days::new(random.between(1, 20));
                payment.remittance = Some("betaling".to_owned());
                named.clear();
                truth = Some(
                    all.iter()
                        .map(|position| (items[*position].invoice_id, items[*position].open))
                        .collect(),
                );
                "combined unnamed"
            }
            60..=62 => {
                let paid = Money::from_cents(
                    (item.open.to_cents().unwrap_or(0) * random.between(20, 80) as i64) / 100,
                );
                payment.amount = paid;
                payment.remittance = Some(format!("deelbetaling factuur {number}"));
                truth = Some(vec![(item.invoice_id, paid)]);
                "partial"
            }
            63..=65 => {
                payment.amount = item.open + Money::from_cents(random.between(100, 5_000) as i64);
                match &item.reference {
                    Some(reference) if random.chance(40) => {
                        payment.structured_reference = Some(reference.clone());
                    }
                    _ => payment.remittance = Some(format!("Factuur {number}")),
                }
                "overpayment"
            }
            66..=67 => {
                payment.amount = item.open - Money::from_cents(random.between(50, 250) as i64);
                payment.remittance = Some(format!("INVOICE {number} FOREIGN TRANSFER"));
                payment.counterparty_iban = Some(stranger_iban(&mut random));
                truth = Some(vec![(item.invoice_id, payment.amount)]);
                "bank costs"
            }
            68..=69 => {
                let credit = by_customer[&item.customer_id]
                    .iter()
                    .copied()
                    .find(|position| {
                        // A credit note larger than the invoice is not netted.
                        items[*position].credit_note
                            && !used[*position]
                            && (item.open + items[*position].open).is_positive()
                    });
                match credit {
                    Some(credit) => {
                        used[credit] = true;
                        let credit_item = &items[credit];
                        payment.amount = item.open + credit_item.open;
                        payment.booking_date =
                            latest(&items, &[target, credit]) + Days::new(random.between(1, 20));
                        payment.remittance = Some(format!(
                            "Factuur {number} minus creditnota {}",
                            credit_item.number
                        ));
                        truth = Some(vec![
                            (credit_item.invoice_id, credit_item.open),
                            (item.invoice_id, item.open),
                        ]);
                        named.push(credit_item.invoice_id);
                    }
                    None => payment.remittance = Some(format!("Factuur {number}")),
                }
                "credit note netted"
            }
            70..=74 => {
                payment.counterparty_iban = Some(stranger_iban(&mut random));
                payment.counterparty_name = Some(noisy_name(&mut random, &customer.name));
                payment.remittance = Some("overboeking".to_owned());
                named.clear();
                "name and amount"
            }
            75..=76 => {
                payment.counterparty_iban = Some(stranger_iban(&mut random));
                payment.counterparty_name = Some("ONBEKEND".to_owned());
                payment.remittance = Some("betaling".to_owned());
                named.clear();
                "amount only"
            }
            77..=79 => {
                // Trap: the number of somebody else's invoice typed by mistake.
                let wrong = *random.pick(&invoices);
                if items[wrong].customer_id != item.customer_id {
                    payment.remittance = Some(format!("Factuur {}", items[wrong].number));
                    named.clear();
                } else {
                    payment.remittance = Some(format!("Factuur {number}"));
                }
                "wrong number typed"
            }
            80..=81 => {
                payment.counterparty_name = Some("Stichting Mollie Payments".to_owned());
                payment.counterparty_iban = Some("NL55DEUT0000000001".to_owned());
                payment.remittance = Some(format!("{number} inzake {}", customer.name));
                "payment provider"
            }
            82..=83 if !paid_before.is_empty() => {
                // Trap: a second payment of an invoice paid earlier in this run.
                let earlier = *random.pick(&paid_before);
                let earlier_item = &items[earlier];
                let earlier_customer = (earlier_item.customer_id - 1) as usize;
                payment.amount = earlier_item.open;
                payment.counterparty_iban = Some(customer_iban(earlier_customer));
                payment.counterparty_name = Some(noisy_name(
                    &mut random,
                    &world.knowledge.customers[earlier_customer].name,
                ));
                payment.remittance = Some(format!("Factuur {}", earlier_item.number));
                payment.booking_date = earlier_item.invoice_date + Days::new(90);
                used[target] = false;
                truth = None;
                "double payment"
            }
            84..=92 => {
                used[target] = false;
                let (name, text) = *random.pick(&[
                    ("Belastingdienst", "teruggaaf omzetbelasting"),
                    ("ING Bank", "rente"),
                    ("Mollie B.V.", "uitbetaling 2026-03-14"),
                    ("Gemeente Utrecht", "subsidie 2026/0387"),
                    ("Verzekeraar", "schade-uitkering 77812"),
                ]);
                payment.counterparty_name = Some(name.to_owned());
                payment.counterparty_iban = Some(stranger_iban(&mut random));
                payment.remittance = Some(text.to_owned());
                payment.amount = Money::from_cents(random.between(1_000, 900_000) as i64);
                truth = None;
                "not a customer payment"
            }
            93..=94 => {
                // Trap: no invoice named, and two readings fit: two invoices
                // together or a third of their sum, or one of two invoices of
                // the same amount. The other reading is kept open (reserved)
                // so that the trap holds whenever the payment is booked.
                let open: Vec<usize> = by_customer[&item.customer_id]
                    .iter()
                    .copied()
                    .filter(|position| {
                        *position != target && !items[*position].credit_note && !used[*position]
                    })
                    .collect();
                let twin = open
                    .iter()
                    .copied()
                    .find(|position| items[*position].open == item.open);
                let sum = open.iter().copied().find_map(|other| {
                    let total = item.open + items[other].open;
                    open.iter()
                        .copied()
                        .find(|third| *third != other && items[*third].open == total)
                        .map(|third| (other, third))
                });
                payment.remittance = Some("betaling".to_owned());
                named.clear();
                if let Some((other, third)) = sum {
                    used[other] = true;
                    used[third] = true;
                    payment.amount = item.open + items[other].open;
                    payment.booking_date =
                        latest(&items, &[target, other, third]) + Days::new(random.between(1, 20));
                    truth = Some(vec![
                        (item.invoice_id, item.open),
                        (items[other].invoice_id, items[other].open),
                    ]);
                    world.ambiguous.insert(transaction_id);
                    "combined ambiguous"
                } else if let Some(twin) = twin {
                    used[twin] = true;
                    payment.booking_date =
                        latest(&items, &[target, twin]) + Days::new(random.between(1, 20));
                    world.ambiguous.insert(transaction_id);
                    "combined ambiguous"
                } else {
                    "iban and amount"
                }
            }
            _ => {
                used[target] = false;
                payment.counterparty_name = Some("Verhuur Oudegracht".to_owned());
                payment.counterparty_iban = Some(stranger_iban(&mut random));
                payment.remittance = Some("huur".to_owned());
                payment.amount = -Money::from_cents(random.between(1_000, 300_000) as i64);
                truth = None;
                "expense"
            }
        };
        if matches!(scenario, "reference" | "number plain") {
            paid_before.push(target);
        }
        world.scenario.insert(transaction_id, scenario);
        if let Some(truth) = truth {
            world.truth.insert(transaction_id, truth);
            if !named.is_empty() {
                world.named.insert(transaction_id, named);
            }
        }
        world.payments.push(payment);
    }
    world.items = items;
    world
}

/// The latest invoice date of a set of items.
fn latest(items: &[OpenItem], set: &[usize]) -> NaiveDate {
    set.iter()
        .map(|position| items[*position].invoice_date)
        .max()
        .unwrap_or_default()
}
