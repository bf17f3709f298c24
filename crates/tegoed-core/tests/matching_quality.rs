//! The matcher against a generated business with noisy payments in every
//! form (see `support/generator.rs`): precision of what it books by itself
//! must be at least 99.5 %, and recall — payments with a right answer for
//! which it proposes exactly that answer, booked or suggested — at least
//! 95 %. Run with `--nocapture` to see the figures per scenario.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a test that reports figures"
)]

#[path = "support/generator.rs"]
mod generator;

use std::collections::{BTreeMap, HashMap};

use tegoed_core::matching::{self, Proposal, Settings};
use tegoed_core::money::Money;

fn same(proposal: &Proposal, truth: &[(i64, Money)]) -> bool {
    let mut proposed: Vec<(i64, Money)> = proposal
        .allocations
        .iter()
        .map(|allocation| (allocation.invoice_id, allocation.amount))
        .collect();
    let mut expected = truth.to_vec();
    proposed.sort();
    expected.sort();
    proposed == expected
}

#[test]
fn precision_and_recall_on_a_generated_business() {
    let world = generator::generate(400, 6_000, 4_000, 0x007E_60ED);
    let proposals = matching::propose(
        &world.items,
        &world.payments,
        &world.knowledge,
        &Settings::default(),
    );
    let by_transaction: HashMap<i64, &Proposal> = proposals
        .iter()
        .map(|proposal| (proposal.transaction_id, proposal))
        .collect();

    let mut auto = 0;
    let mut auto_right = 0;
    let mut with_truth = 0;
    let mut found = 0;
    let mut found_auto = 0;
    // scenario → (payments, right proposal, booked right, booked wrong)
    let mut per_scenario: BTreeMap<&str, (u32, u32, u32, u32)> = BTreeMap::new();
    let mut wrong_bookings = Vec::new();
    for payment in &world.payments {
        let scenario = world.scenario[&payment.transaction_id];
        let row = per_scenario.entry(scenario).or_default();
        row.0 += 1;
        let truth = world.truth.get(&payment.transaction_id);
        let proposal = by_transaction.get(&payment.transaction_id);
        let right = match (proposal, truth) {
            (Some(proposal), Some(truth)) => same(proposal, truth),
            _ => false,
        };
        if let Some(proposal) = proposal.filter(|proposal| proposal.auto) {
            auto += 1;
            if right {
                auto_right += 1;
                row.2 += 1;
            } else {
                row.3 += 1;
                wrong_bookings.push(format!(
                    "{scenario}: {payment:?} → {proposal:?} truth {truth:?}"
                ));
            }
        }
        if truth.is_some() {
            with_truth += 1;
            if right {
                found += 1;
                row.1 += 1;
                if proposal.is_some_and(|proposal| proposal.auto) {
                    found_auto += 1;
                }
            }
        }
    }
    let precision = f64::from(auto_right) / f64::from(auto.max(1));
    let recall = f64::from(found) / f64::from(with_truth.max(1));
    let auto_recall = f64::from(found_auto) / f64::from(with_truth.max(1));
    println!("scenario                  payments  right  booked-right  booked-wrong");
    for (scenario, (payments, right, booked_right, booked_wrong)) in &per_scenario {
        println!("{scenario:<25} {payments:>8} {right:>6} {booked_right:>13} {booked_wrong:>13}");
    }
    println!(
        "precision of automatic bookings: {:.2} % ({auto_right}/{auto}); recall: {:.2} % ({found}/{with_truth}); booked automatically: {:.2} %",
        precision * 100.0,
        recall * 100.0,
        auto_recall * 100.0
    );
    for wrong in wrong_bookings.iter().take(10) {
        println!("WRONG {wrong}");
    }
    assert!(precision >= 0.995, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
}
