//! The matcher against a generated business of 300 customers with noisy
//! payments in every form (see `support/generator.rs`), on several seeds:
//! precision of what it books by itself must be at least 99.5 % and nothing
//! ambiguous may be booked; recall — payments with a right answer for which
//! it proposes exactly that answer, booked or suggested — at least 95 %; the
//! share of payments with a right answer that it books by itself must not
//! drop below its floor (overall, and per form for the forms issue 17 made
//! automatic); and a reminder run right after matching may list
//! no more invoices that were in fact paid than the ceiling allows. The
//! world must repeat amounts as real businesses do (half the items share
//! their amount, a quarter of the customers have one amount twice), and
//! every form that books holds the precision floor by itself. Run with
//! `--nocapture` to see the figures per payment form and seed.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a test that reports figures"
)]

#[path = "support/generator.rs"]
mod generator;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use tegoed_core::matching::{self, OpenItem, Proposal, Settings};
use tegoed_core::money::Money;

/// The seeds the figures are measured on.
const SEEDS: [u64; 4] = [0x007E_60ED, 0x0014_0014, 0x0017_0017, 0xC0FF_EE00];

/// Customers, open items and payments of the generated business.
const SIZE: (usize, usize, usize) = (300, 4_500, 3_000);

/// Automatic bookings must be right this often.
const PRECISION_FLOOR: f64 = 0.995;
/// Payments with a right answer must get exactly that answer this often.
const RECALL_FLOOR: f64 = 0.95;
/// Payments with a right answer booked right without a person, at least
/// (77.2 % measured over the seeds when this floor was set).
const AUTOMATIC_FLOOR: f64 = 0.77;
/// The same per payment form, for the forms issue 17 made automatic.
const FORM_AUTOMATIC_FLOORS: [(&str, f64); 2] =
    [("overpayment", 0.95), ("combined partly named", 0.55)];
/// Paid invoices a reminder run would list, at most, per seed (6 measured
/// when this ceiling was set, 9 before an amount alone pointed to the few
/// customers it fits: the rest are amount-only payments of a fee more than
/// ten customers are billed, see the report).
const PAID_REMINDED_CEILING: usize = 6;

/// What an allocation is compared by: the invoice itself when the payment
/// designates it, else the customer and the amount (the invoice the
/// customer could equally mean).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Invoice(i64),
    Alike(i64, Money),
}

fn key(
    world: &generator::World,
    items: &HashMap<i64, &OpenItem>,
    transaction: i64,
    invoice: i64,
) -> Key {
    let named = world
        .named
        .get(&transaction)
        .is_some_and(|named| named.contains(&invoice));
    match items.get(&invoice) {
        Some(item) if !named => Key::Alike(item.customer_id, item.open),
        _ => Key::Invoice(invoice),
    }
}

fn same(
    world: &generator::World,
    items: &HashMap<i64, &OpenItem>,
    proposal: &Proposal,
    truth: &[(i64, Money)],
) -> bool {
    let transaction = proposal.transaction_id;
    let mut proposed: Vec<(Key, Money)> = proposal
        .allocations
        .iter()
        .map(|allocation| {
            (
                key(world, items, transaction, allocation.invoice_id),
                allocation.amount,
            )
        })
        .collect();
    let mut expected: Vec<(Key, Money)> = truth
        .iter()
        .map(|(invoice, amount)| (key(world, items, transaction, *invoice), *amount))
        .collect();
    proposed.sort();
    expected.sort();
    proposed == expected
}

/// Figures of one payment form.
#[derive(Debug, Default, Clone, Copy)]
struct Row {
    payments: u32,
    with_truth: u32,
    booked: u32,
    booked_right: u32,
    right: u32,
    /// Invoices it paid that a reminder run would still list.
    paid_reminded: u32,
}

impl Row {
    fn add(&mut self, other: &Row) {
        self.payments += other.payments;
        self.with_truth += other.with_truth;
        self.booked += other.booked;
        self.booked_right += other.booked_right;
        self.right += other.right;
        self.paid_reminded += other.paid_reminded;
    }
}

fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        "    -".to_owned()
    } else {
        format!("{:5.1}", f64::from(part) * 100.0 / f64::from(whole))
    }
}

/// What a reminder run right after matching would list: invoices with
/// something open after the automatic bookings, three days past due on the
/// last booking date, of customers the dunning gate does not hold (no
/// suggestion awaits a person, no unplaced payment points to them).
/// Returns the invoices listed that the customer in fact no longer owes,
/// each with the payment form that paid it.
fn paid_but_reminded(
    world: &generator::World,
    proposals: &[Proposal],
    settings: &Settings,
) -> (usize, Vec<&'static str>) {
    let mut booked: HashMap<i64, Money> = HashMap::new();
    let mut held: HashSet<i64> = HashSet::new();
    let mut placed: HashSet<i64> = HashSet::new();
    let customer_of: HashMap<i64, i64> = world
        .items
        .iter()
        .map(|item| (item.invoice_id, item.customer_id))
        .collect();
    for proposal in proposals {
        if proposal.auto {
            placed.insert(proposal.transaction_id);
            for allocation in &proposal.allocations {
                *booked.entry(allocation.invoice_id).or_default() += allocation.amount;
            }
        } else {
            held.extend(proposal.customer_id);
            for allocation in &proposal.allocations {
                held.extend(customer_of.get(&allocation.invoice_id));
            }
        }
    }
    let after: Vec<OpenItem> = world
        .items
        .iter()
        .map(|item| OpenItem {
            open: item.open - booked.get(&item.invoice_id).copied().unwrap_or_default(),
            ..item.clone()
        })
        .filter(|item| !item.open.is_zero())
        .collect();
    let unplaced: Vec<_> = world
        .payments
        .iter()
        .filter(|payment| payment.amount.is_positive() && !placed.contains(&payment.transaction_id))
        .cloned()
        .collect();
    for (_, customer, _) in matching::pointers(&after, &unplaced, &world.knowledge, settings) {
        held.insert(customer);
    }
    let open_after: HashMap<i64, Money> = after
        .iter()
        .map(|item| (item.invoice_id, item.open))
        .collect();
    let as_of: NaiveDate = world
        .payments
        .iter()
        .map(|payment| payment.booking_date)
        .max()
        .unwrap_or_default();
    // What the truth pays per invoice, and by which form.
    let mut paid: HashMap<i64, Money> = HashMap::new();
    let mut paid_by: HashMap<i64, &'static str> = HashMap::new();
    for (transaction, truth) in &world.truth {
        for (invoice, amount) in truth {
            *paid.entry(*invoice).or_default() += *amount;
            paid_by.insert(*invoice, world.scenario[transaction]);
        }
    }
    // Per customer and amount: invoices listed, and invoices truly still owed.
    let mut listed: BTreeMap<(i64, Money), Vec<i64>> = BTreeMap::new();
    let mut owed: HashMap<(i64, Money), usize> = HashMap::new();
    let mut fully_paid: HashSet<i64> = HashSet::new();
    let mut n_listed = 0;
    for item in world.items.iter().filter(|item| !item.credit_note) {
        let truly_open = item.open - paid.get(&item.invoice_id).copied().unwrap_or_default();
        if truly_open.is_positive() {
            *owed.entry((item.customer_id, item.open)).or_default() += 1;
        } else {
            fully_paid.insert(item.invoice_id);
        }
        let still_open = open_after
            .get(&item.invoice_id)
            .is_some_and(|open| open.is_positive());
        if still_open && item.due_date + Days::new(3) <= as_of && !held.contains(&item.customer_id)
        {
            n_listed += 1;
            listed
                .entry((item.customer_id, item.open))
                .or_default()
                .push(item.invoice_id);
        }
    }
    let mut wrong = Vec::new();
    for (group, mut invoices) in listed {
        let owed = owed.get(&group).copied().unwrap_or(0);
        // The ones paid in full first, so that the form that paid them is named.
        invoices.sort_by_key(|invoice| !fully_paid.contains(invoice));
        let excess = invoices.len().saturating_sub(owed);
        for invoice in invoices.iter().take(excess) {
            wrong.push(paid_by.get(invoice).copied().unwrap_or("(a sibling paid)"));
        }
    }
    (n_listed, wrong)
}

/// How many items share their amount with another item, and how many
/// customers have two or more invoices of the same amount.
fn repetition(world: &generator::World) -> (usize, usize) {
    let mut by_amount: HashMap<Money, usize> = HashMap::new();
    let mut by_customer: HashMap<(i64, Money), usize> = HashMap::new();
    for item in &world.items {
        *by_amount.entry(item.open).or_default() += 1;
        *by_customer
            .entry((item.customer_id, item.open))
            .or_default() += 1;
    }
    let shared = world
        .items
        .iter()
        .filter(|item| by_amount[&item.open] > 1)
        .count();
    let repeated: HashSet<i64> = by_customer
        .iter()
        .filter(|(_, count)| **count > 1)
        .map(|((customer, _), _)| *customer)
        .collect();
    (shared, repeated.len())
}

#[test]
fn precision_and_recall_on_a_generated_business() {
    let settings = Settings::default();
    let mut total: BTreeMap<&str, Row> = BTreeMap::new();
    let mut wrong_bookings = Vec::new();
    let mut ambiguous_booked = Vec::new();
    let mut worst_paid_reminded = 0;
    for seed in SEEDS {
        let world = generator::generate(SIZE.0, SIZE.1, SIZE.2, seed);
        let items: HashMap<i64, &OpenItem> = world
            .items
            .iter()
            .map(|item| (item.invoice_id, item))
            .collect();
        let proposals =
            matching::propose(&world.items, &world.payments, &world.knowledge, &settings);
        let by_transaction: HashMap<i64, &Proposal> = proposals
            .iter()
            .map(|proposal| (proposal.transaction_id, proposal))
            .collect();
        let (shared, repeated) = repetition(&world);
        println!(
            "seed {seed:#x}: {shared} of {} items share their amount with another item; {repeated} customers have two or more invoices of one amount",
            world.items.len()
        );
        assert!(
            shared * 2 > world.items.len(),
            "amounts repeat as in real life"
        );
        assert!(
            repeated * 4 > SIZE.0,
            "customers are billed one fee several times"
        );
        let mut per_form: BTreeMap<&str, Row> = BTreeMap::new();
        for payment in &world.payments {
            let form = world.scenario[&payment.transaction_id];
            let row = per_form.entry(form).or_default();
            row.payments += 1;
            let truth = world.truth.get(&payment.transaction_id);
            let proposal = by_transaction.get(&payment.transaction_id);
            let right = match (proposal, truth) {
                (Some(proposal), Some(truth)) => same(&world, &items, proposal, truth),
                _ => false,
            };
            if let Some(proposal) = proposal.filter(|proposal| proposal.auto) {
                row.booked += 1;
                if right {
                    row.booked_right += 1;
                } else {
                    wrong_bookings.push(format!(
                        "seed {seed:#x} {form}: {payment:?} → {proposal:?} truth {truth:?}"
                    ));
                }
                if world.ambiguous.contains(&payment.transaction_id) {
                    ambiguous_booked.push(format!("seed {seed:#x} {form}: {proposal:?}"));
                }
            }
            if truth.is_some() {
                row.with_truth += 1;
                row.right += u32::from(right);
            }
        }
        let (n_listed, paid_reminded) = paid_but_reminded(&world, &proposals, &settings);
        for form in &paid_reminded {
            per_form.entry(form).or_default().paid_reminded += 1;
        }
        worst_paid_reminded = worst_paid_reminded.max(paid_reminded.len());
        let mut seed_total = Row::default();
        for row in per_form.values() {
            seed_total.add(row);
        }
        println!(
            "seed {seed:#x}: precision {}, recall {}, booked automatically {} of payments with an answer; a reminder run lists {n_listed} invoices, {} of them paid",
            percent(seed_total.booked_right, seed_total.booked),
            percent(seed_total.right, seed_total.with_truth),
            percent(seed_total.booked_right, seed_total.with_truth),
            paid_reminded.len()
        );
        for (form, row) in per_form {
            total.entry(form).or_default().add(&row);
        }
    }
    println!(
        "{:<26} {:>8} {:>7} {:>7} {:>9} {:>7} {:>10} {:>13}",
        "form", "payments", "answer", "booked", "precision", "recall", "automatic", "paid-reminded"
    );
    let mut all = Row::default();
    for (form, row) in &total {
        all.add(row);
        println!(
            "{form:<26} {:>8} {:>7} {:>7} {:>9} {:>7} {:>10} {:>13}",
            row.payments,
            row.with_truth,
            row.booked,
            percent(row.booked_right, row.booked),
            percent(row.right, row.with_truth),
            percent(row.booked_right, row.with_truth),
            row.paid_reminded
        );
    }
    println!(
        "{:<26} {:>8} {:>7} {:>7} {:>9} {:>7} {:>10} {:>13}",
        "all seeds",
        all.payments,
        all.with_truth,
        all.booked,
        percent(all.booked_right, all.booked),
        percent(all.right, all.with_truth),
        percent(all.booked_right, all.with_truth),
        all.paid_reminded
    );
    for wrong in wrong_bookings.iter().take(10) {
        println!("WRONG {wrong}");
    }
    for ambiguous in ambiguous_booked.iter().take(10) {
        println!("AMBIGUOUS BOOKED {ambiguous}");
    }
    let precision = f64::from(all.booked_right) / f64::from(all.booked.max(1));
    let recall = f64::from(all.right) / f64::from(all.with_truth.max(1));
    let automatic = f64::from(all.booked_right) / f64::from(all.with_truth.max(1));
    assert!(precision >= PRECISION_FLOOR, "precision {precision}");
    assert!(ambiguous_booked.is_empty(), "ambiguous payments booked");
    assert!(recall >= RECALL_FLOOR, "recall {recall}");
    assert!(
        automatic >= AUTOMATIC_FLOOR,
        "booked automatically {automatic}"
    );
    for (form, row) in &total {
        // Every form that books holds the precision floor on its own.
        let precision = f64::from(row.booked_right) / f64::from(row.booked.max(1));
        assert!(
            row.booked < 20 || precision >= PRECISION_FLOOR,
            "{form}: precision {precision}"
        );
    }
    for (form, floor) in FORM_AUTOMATIC_FLOORS {
        let row = total.get(form).copied().unwrap_or_default();
        let automatic = f64::from(row.booked_right) / f64::from(row.with_truth.max(1));
        assert!(
            automatic >= floor,
            "{form}: booked automatically {automatic}"
        );
    }
    assert!(
        worst_paid_reminded <= PAID_REMINDED_CEILING,
        "paid invoices reminded {worst_paid_reminded}"
    );
}
