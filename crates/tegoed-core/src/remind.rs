//! Use case "make the letters due": every letter action the day's work list
//! holds (first and second reminder, confirmation of a call, plan
//! confirmation, demand, hand-over notice) becomes one PDF per customer and
//! stage, with a copy of every listed invoice appended, stored in the book's
//! outbox. The costs and interest a letter states come from `law`; the
//! stage each letter moves its invoices to is recorded with it, and its
//! event lands on the customer's timeline — all in one database
//! transaction, so an interrupted run leaves nothing half made. A letter of
//! a stage, invoice set and occasion that exists already is not made again.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::book::{self, Book, BookError, NewDunningEvent, NewOutboxLetter, NewTimelineEvent};
use crate::customer::Language;
use crate::dunning::{Action, Occasion, Text, WorkItem};
use crate::law::LawError;
use crate::law::costs::{self, VatOnCosts};
use crate::law::interest::{self, InterestKind};
use crate::letters::{
    self, Agreement, Claim, Handover, History, InvoiceCopy, Letter, LetterError, LetterInvoice,
    LetterKind, PlanSchedule, Recipient, Sender,
};
use crate::money::Money;
use crate::today::{self, Casebook};

/// Why no letters were made; the book is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum RemindError {
    /// Stale bank data blocks the run (`domain.md` §1.3 item 1).
    #[error("{0}; or run with --ignore-stale-bank")]
    Blocked(String),
    /// The letters cannot say where to pay: no `business.iban` and no single
    /// own bank account to take it from.
    #[error(
        "the letters need the IBAN your customers pay to: set business.iban in Settings (tegoed settings business.iban NL..)"
    )]
    NoIban,
    /// A letter could not be rendered.
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// Interest could not be computed.
    #[error(transparent)]
    Law(#[from] LawError),
    /// The book failed.
    #[error(transparent)]
    Book(#[from] BookError),
}

/// One letter made.
#[derive(Debug, Clone)]
pub struct MadeLetter {
    /// The outbox id.
    pub id: i64,
    /// Customer code.
    pub customer_code: String,
    /// Customer name.
    pub customer: String,
    /// The action it carries out.
    pub action: Action,
    /// Its language.
    pub language: Language,
    /// Its invoices, in the table's order.
    pub invoices: Vec<String>,
    /// Pages in all, copies included.
    pub pages: usize,
    /// The open total it states.
    pub total_open: Money,
    /// The deadline it states.
    pub deadline: Option<NaiveDate>,
    /// The costs it states.
    pub costs: Option<Money>,
    /// The interest it states.
    pub interest: Option<Money>,
    /// The file name to write it as.
    pub file_name: String,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Things a person should know (an unreadable stored invoice PDF).
    pub warnings: Vec<String>,
}

/// The business details letters carry, from the book's `business.*` settings.
///
/// # Errors
/// When the book cannot be read.
pub async fn sender(book: &Book) -> Result<Sender, BookError> {
    let settings: HashMap<String, String> = book
        .settings_with_prefix("business.")
        .await?
        .into_iter()
        .collect();
    let text = |key: &str| {
        settings
            .get(key)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    Ok(Sender {
        name: text("business.name").unwrap_or_else(|| "Tegoed".to_owned()),
        address: text("business.address")
            .map(|address| {
                address
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        kvk_number: text("business.kvk_number"),
        vat_number: text("business.vat_number"),
        // Without the setting, the one own account the book holds is where customers pay.
        iban: match text("business.iban") {
            Some(iban) => Some(iban),
            None => match book.accounts().await?.as_slice() {
                [only] => Some(only.iban.clone()),
                _ => None,
            },
        },
        bic: text("business.bic"),
        phone: text("business.phone"),
        email: text("business.email"),
        contact_person: text("business.contact_person"),
        logo_png: text("business.logo_png")
            .and_then(|logo| base64::engine::general_purpose::STANDARD.decode(logo).ok()),
    })
}

/// The VAT rule for collection costs, from the book's `law.*` settings.
async fn vat_rule(book: &Book) -> Result<VatOnCosts, BookError> {
    let mut rule = VatOnCosts::default();
    for (key, value) in book.settings_with_prefix("law.").await? {
        let flag = value.trim() == "true";
        match key.as_str() {
            "law.creditor_can_deduct_vat" => rule.creditor_can_deduct_vat = flag,
            "law.handed_to_third_party" => rule.handed_to_third_party = flag,
            _ => {}
        }
    }
    Ok(rule)
}

/// The letter kind of a letter action.
fn kind_of(action: Action) -> Option<LetterKind> {
    match action {
        Action::Reminder1 => Some(LetterKind::Reminder1),
        Action::Reminder2 => Some(LetterKind::Reminder2),
        Action::Confirmation => Some(LetterKind::Confirmation),
        Action::PlanConfirmation => Some(LetterKind::PlanConfirmation),
        Action::Demand => Some(LetterKind::Demand),
        Action::Agency => Some(LetterKind::AgencyNotice),
        Action::Call | Action::InstalmentCall => None,
    }
}

/// Makes the letters due on `as_of`.
///
/// # Errors
/// [`RemindError::Blocked`] when stale bank data blocks the run and
/// `ignore_stale_bank` is false; otherwise when a letter cannot be made or
/// the book cannot be written. The book is then unchanged.
pub async fn remind(
    book: &Book,
    as_of: NaiveDate,
    ignore_stale_bank: bool,
    recorded_at: DateTime<Utc>,
) -> Result<Vec<MadeLetter>, RemindError> {
    remind_selected(book, as_of, ignore_stale_bank, recorded_at, &|_| true).await
}

/// Makes only the chosen letters due on `as_of`: each `(customer code,
/// action)` in `chosen` that the day's work list holds as a letter action
/// (a person ticked it on Today). A pair the list does not hold is left
/// out, so a stale screen cannot make a letter that is no longer due.
///
/// # Errors
/// As [`remind`].
pub async fn remind_chosen(
    book: &Book,
    as_of: NaiveDate,
    ignore_stale_bank: bool,
    chosen: &[(String, Action)],
    recorded_at: DateTime<Utc>,
) -> Result<Vec<MadeLetter>, RemindError> {
    remind_selected(book, as_of, ignore_stale_bank, recorded_at, &|item| {
        chosen
            .iter()
            .any(|(code, action)| *code == item.customer_code && *action == item.action)
    })
    .await
}

/// Like [`remind`], for the letter actions `select` picks.
///
/// # Errors
/// As [`remind`].
pub async fn remind_selected(
    book: &Book,
    as_of: NaiveDate,
    ignore_stale_bank: bool,
    recorded_at: DateTime<Utc>,
    select: &(dyn Fn(&WorkItem) -> bool + Sync),
) -> Result<Vec<MadeLetter>, RemindError> {
    let casebook = today::casebook(book, as_of).await?;
    let stale = crate::dunning::stale_bank(&casebook.accounts, as_of, &casebook.settings.calendar);
    if let Some(blocked) = &stale
        && !ignore_stale_bank
    {
        return Err(RemindError::Blocked(blocked.en.clone()));
    }
    let list = casebook.worklist(true);
    let sender = sender(book).await?;
    if sender.iban.is_none() && list.actions.iter().any(|item| item.action.is_letter()) {
        return Err(RemindError::NoIban);
    }
    let vat = vat_rule(book).await?;
    let outbox = book.outbox().await?;
    let calls = book.call_rows().await?;
    let plans = book.plan_rows().await?;
    let mut prepared = Vec::new();
    for item in list
        .actions
        .iter()
        .filter(|item| item.action.is_letter() && select(item))
    {
        let Some(kind) = kind_of(item.action) else {
            continue;
        };
        let context = Context {
            casebook: &casebook,
            sender: &sender,
            vat: &vat,
            outbox: &outbox,
            calls: &calls,
            plans: &plans,
        };
        prepared.push(context.letter(book, item, kind).await?);
    }
    let mut transaction = book.begin().await?;
    if let Some(blocked) = &stale {
        book::audit(
            &mut transaction,
            recorded_at,
            "user",
            "override_stale_bank",
            &as_of.to_string(),
            Some(&blocked.en),
        )
        .await?;
    }
    let mut made = Vec::new();
    for mut letter in prepared {
        let Some(row) = casebook.customers.get(&letter.made.customer_code) else {
            continue;
        };
        let ids: Vec<(i64, String)> = letter
            .made
            .invoices
            .iter()
            .filter_map(|number| {
                casebook
                    .facts
                    .get(number)
                    .map(|fact| (fact.id, number.clone()))
            })
            .collect();
        let sha256 = format!("{:x}", Sha256::digest(&letter.made.pdf));
        let occasion = letter.occasion.code();
        let Some(id) = book::insert_outbox_letter(
            &mut transaction,
            &NewOutboxLetter {
                customer_id: row.id,
                stage: letter.made.action.code(),
                as_of,
                invoices: &ids,
                occasion: &occasion,
                total_open: letter.made.total_open,
                language: letter.made.language,
                deadline: letter.made.deadline,
                costs: letter.made.costs,
                interest: letter.made.interest,
                file_name: &letter.made.file_name,
                content: &letter.made.pdf,
                sha256: &sha256,
                pages: i64::try_from(letter.made.pages).unwrap_or(i64::MAX),
                subject: &letter.subject,
                mail_body: &letter.mail_body,
            },
        )
        .await?
        else {
            continue;
        };
        if let Some(stage) = letter.made.action.stage() {
            for (invoice_id, _) in &ids {
                book::insert_dunning_event(
                    &mut transaction,
                    &NewDunningEvent {
                        invoice_id: *invoice_id,
                        stage,
                        event_date: as_of,
                        letter_id: Some(id),
                        note: None,
                    },
                )
                .await?;
            }
        }
        let text = made_text(&letter.made);
        book::insert_timeline_event(
            &mut transaction,
            &NewTimelineEvent {
                customer_id: row.id,
                at: as_of,
                kind: "letter",
                stage: Some(letter.made.action.code()),
                invoices: &letter.made.invoices,
                text: &text.en,
                text_nl: &text.nl,
                letter_id: Some(id),
                recorded_at,
            },
        )
        .await?;
        book::audit(
            &mut transaction,
            recorded_at,
            "user",
            "letter_made",
            &letter.made.customer_code,
            Some(&format!("{} {}", letter.made.action, letter.made.file_name)),
        )
        .await?;
        letter.made.id = id;
        made.push(letter.made);
    }
    transaction.commit().await.map_err(BookError::from)?;
    Ok(made)
}

fn made_text(letter: &MadeLetter) -> Text {
    let (en, nl) = match letter.action {
        Action::Reminder1 => ("first reminder made", "eerste herinnering gemaakt"),
        Action::Reminder2 => ("second reminder made", "tweede herinnering gemaakt"),
        Action::Confirmation => (
            "confirmation of the phone agreement made",
            "bevestiging van de telefonische afspraak gemaakt",
        ),
        Action::PlanConfirmation => (
            "payment plan confirmation made",
            "bevestiging betalingsregeling gemaakt",
        ),
        Action::Demand => ("formal demand made", "aanmaning gemaakt"),
        Action::Agency => (
            "hand-over notice made (collection agency)",
            "kennisgeving overdracht aan incassobureau gemaakt",
        ),
        Action::Call | Action::InstalmentCall => ("call", "gesprek"),
    };
    Text::new(
        format!("{en}: {} ({})", letter.file_name, letter.total_open),
        format!("{nl}: {} ({})", letter.file_name, letter.total_open),
    )
}

struct Prepared {
    made: MadeLetter,
    occasion: Occasion,
    subject: String,
    mail_body: String,
}

struct Context<'a> {
    casebook: &'a Casebook,
    sender: &'a Sender,
    vat: &'a VatOnCosts,
    outbox: &'a [book::OutboxRow],
    calls: &'a [book::CallRow],
    plans: &'a [book::PlanRow],
}

impl Context<'_> {
    async fn letter(
        &self,
        book: &Book,
        item: &WorkItem,
        kind: LetterKind,
    ) -> Result<Prepared, RemindError> {
        let casebook = self.casebook;
        let as_of = casebook.as_of;
        let calendar = &casebook.settings.calendar;
        let Some(row) = casebook.customers.get(&item.customer_code) else {
            return Err(RemindError::Book(BookError::Corrupt {
                what: "customer of a dunning action",
                value: item.customer_code.clone(),
            }));
        };
        let customer = &row.customer;
        let mut invoices = Vec::new();
        let mut copies = Vec::new();
        for number in &item.invoices {
            let Some(position) = casebook.positions.get(number) else {
                continue;
            };
            let fact = casebook.facts.get(number);
            invoices.push(LetterInvoice {
                number: number.clone(),
                invoice_date: position.invoice_date,
                due_date: position.due_date,
                order_number: fact.and_then(|fact| fact.order_number.clone()),
                amount: position.amount,
                paid: position.amount - position.open_amount,
                open: position.open_amount,
                days_overdue: (as_of - position.due_date).num_days().max(0),
            });
            copies.push(match book.invoice_document(number).await? {
                Some((_, pdf)) => InvoiceCopy::Original {
                    number: number.clone(),
                    pdf,
                },
                None => InvoiceCopy::Generated {
                    number: number.clone(),
                    invoice_date: position.invoice_date,
                    due_date: position.due_date,
                    amount: position.amount,
                    customer: customer.name.clone(),
                    sender: self.sender.name.clone(),
                },
            });
        }
        let total_open: Money = invoices.iter().map(|invoice| invoice.open).sum();
        let b2c_default = customer.consumer && !customer.fatal_term_agreed;
        let term = casebook.settings.reminder_term_days;
        let mut deadline = None;
        let mut default_date = None;
        let mut claim = Claim::default();
        let mut agreement = None;
        let mut plan = None;
        let mut handover = None;
        match item.action {
            Action::Reminder1 => deadline = Some(calendar.add_days_to_working_day(as_of, term)),
            Action::Reminder2 => {
                if b2c_default {
                    let date =
                        calendar.add_days_to_working_day(calendar.presumed_delivery(as_of), term);
                    deadline = Some(date);
                    default_date = Some(date);
                } else {
                    deadline = Some(calendar.add_days_to_working_day(as_of, term));
                }
            }
            Action::Confirmation => {
                if let Occasion::Call(call_id) = item.occasion
                    && let Some(call) = self.calls.iter().find(|call| call.id == call_id)
                {
                    deadline = call.promise_date;
                    agreement = Some(Agreement {
                        call_date: call.at,
                        contact: call.contact.clone(),
                        promise_date: call.promise_date,
                        amount: call.amount,
                        invoices_resent: call.outcome == "not_received",
                        note: call.note.clone(),
                    });
                }
            }
            Action::PlanConfirmation => {
                if let Occasion::Plan(plan_id) = item.occasion
                    && let Some(row) = self.plans.iter().find(|plan| plan.id == plan_id)
                {
                    deadline = row.instalments.first().map(|(due, _)| *due);
                    plan = Some(PlanSchedule {
                        principal: row.principal,
                        interest: row.interest,
                        costs: row.costs,
                        total: row.total,
                        instalments: row.instalments.clone(),
                        interest_keeps_running: !customer.consumer,
                    });
                }
            }
            Action::Demand => {
                if customer.consumer {
                    // One letter covers all claims: costs on the summed principal (art. 6:96 lid 7).
                    let costs = costs::collection_costs(total_open, self.vat);
                    claim.costs = Some(costs.costs);
                    claim.vat_on_costs = costs.vat.is_positive().then_some(costs.vat);
                    claim.interest_rate = interest::rate_on(as_of, InterestKind::Consumer);
                } else {
                    deadline = Some(
                        calendar.add_days_to_working_day(as_of, casebook.settings.demand_term_days),
                    );
                    let (costs, interest) = self.business_claim(&invoices, as_of)?;
                    claim.costs = Some(costs);
                    claim.interest = Some(interest);
                    claim.interest_rate = interest::rate_on(as_of, InterestKind::Commercial);
                    claim.interest_from = invoices
                        .iter()
                        .map(|invoice| invoice.due_date.succ_opt().unwrap_or(invoice.due_date))
                        .min();
                    claim.interest_to = Some(as_of);
                }
            }
            Action::Agency => {
                let demanded = self.earlier(row.id, Action::Demand, &item.invoices);
                if customer.consumer {
                    claim.costs = demanded.and_then(|letter| letter.costs);
                } else {
                    let (costs, interest) = self.business_claim(&invoices, as_of)?;
                    claim.costs = Some(demanded.and_then(|letter| letter.costs).unwrap_or(costs));
                    claim.interest = Some(interest);
                    claim.interest_rate = interest::rate_on(as_of, InterestKind::Commercial);
                    claim.interest_to = Some(as_of);
                }
                handover = Some(self.handover(book, as_of).await?);
            }
            Action::Call | Action::InstalmentCall => {}
        }
        let history = self.history(row.id, &item.invoices);
        let single_reference = match invoices.as_slice() {
            [only] => casebook
                .facts
                .get(&only.number)
                .and_then(|fact| fact.reference.clone())
                .filter(|reference| crate::reference::betalingskenmerk::is_valid(reference)),
            _ => None,
        };
        let letter = Letter {
            kind,
            language: customer.language,
            consumer: customer.consumer,
            fatal_term_agreed: customer.fatal_term_agreed,
            date: as_of,
            our_reference: format!(
                "{}-{}-{}",
                customer.code,
                as_of.format("%Y%m%d"),
                item.action
            ),
            sender: self.sender.clone(),
            recipient: Recipient {
                name: customer.name.clone(),
                address: customer.address_lines(),
                customer_code: customer.code.clone(),
                attention: customer.contact_person.clone(),
            },
            invoices,
            total_open,
            deadline,
            default_date,
            payment_reference: single_reference,
            claim,
            history,
            agreement,
            plan,
            handover,
        };
        let rendered = letters::render(&letter, &copies)?;
        let suffix = match item.occasion {
            Occasion::Ladder => String::new(),
            Occasion::Call(id) => format!("-call{id}"),
            Occasion::Plan(id) => format!("-plan{id}"),
        };
        let file_name = format!(
            "{}_{}_{}{suffix}.pdf",
            as_of,
            safe(&customer.code),
            item.action
        );
        let interest_stated = letter.claim.interest;
        Ok(Prepared {
            subject: letters::subject(&letter),
            mail_body: letters::mail_body(&letter),
            occasion: item.occasion,
            made: MadeLetter {
                id: 0,
                customer_code: customer.code.clone(),
                customer: customer.name.clone(),
                action: item.action,
                language: customer.language,
                invoices: item.invoices.clone(),
                pages: rendered.pages,
                total_open,
                deadline: letter
                    .deadline
                    .filter(|_| !(customer.consumer && item.action == Action::Demand)),
                costs: letter.claim.costs,
                interest: interest_stated,
                file_name,
                pdf: rendered.pdf,
                warnings: rendered.warnings,
            },
        })
    }

    /// A business demand's costs (the scale per invoice, at least €40 each:
    /// CJEU C-78/22) and statutory commercial interest up to `as_of`.
    fn business_claim(
        &self,
        invoices: &[LetterInvoice],
        as_of: NaiveDate,
    ) -> Result<(Money, Money), RemindError> {
        let mut costs = Money::ZERO;
        let mut interest = Money::ZERO;
        for invoice in invoices {
            costs += costs::collection_costs(invoice.open, self.vat).total();
            interest += interest::statutory_interest(
                invoice.open,
                invoice.due_date,
                as_of,
                InterestKind::Commercial,
            )?
            .interest;
        }
        Ok((costs, interest))
    }

    /// The latest earlier letter of `action` for the customer covering any of `invoices`.
    fn earlier(
        &self,
        customer_id: i64,
        action: Action,
        invoices: &[String],
    ) -> Option<&book::OutboxRow> {
        self.outbox
            .iter()
            .filter(|letter| letter.customer_id == customer_id && letter.stage == action.code())
            .filter(|letter| {
                letter
                    .invoices
                    .iter()
                    .any(|number| invoices.contains(number))
            })
            .max_by_key(|letter| (letter.as_of, letter.id))
    }

    fn history(&self, customer_id: i64, invoices: &[String]) -> History {
        let date_of = |action| {
            self.earlier(customer_id, action, invoices)
                .map(|letter| letter.as_of)
        };
        History {
            first_reminder: date_of(Action::Reminder1),
            second_reminder: date_of(Action::Reminder2),
            demand: date_of(Action::Demand),
            calls: self
                .calls
                .iter()
                .filter(|call| call.customer_id == customer_id)
                .filter(|call| call.invoices.iter().any(|number| invoices.contains(number)))
                .map(|call| (call.at, call.outcome.replace('_', " ")))
                .collect(),
        }
    }

    async fn handover(&self, book: &Book, as_of: NaiveDate) -> Result<Handover, BookError> {
        let settings: HashMap<String, String> = book
            .settings_with_prefix("agency.")
            .await?
            .into_iter()
            .collect();
        Ok(Handover {
            agency_name: settings
                .get("agency.name")
                .cloned()
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| "[incassobureau]".to_owned()),
            agency_contact: settings
                .get("agency.contact")
                .map(|contact| contact.lines().map(str::to_owned).collect())
                .unwrap_or_default(),
            handed_over_on: as_of,
            pay_to_agency: settings
                .get("agency.pay_to_agency")
                .is_none_or(|value| value.trim() != "false"),
        })
    }
}

/// A customer code as part of a file name.
fn safe(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl crate::fault::Classify for RemindError {
    /// Stale bank data or a missing IBAN is the person's to fix.
    fn fault(&self) -> crate::fault::Fault {
        use crate::fault::Fault;
        match self {
            RemindError::Book(error) => error.fault(),
            RemindError::Blocked(_) | RemindError::NoIban => Fault::Input,
            RemindError::Letter(_) | RemindError::Law(_) => Fault::Internal,
        }
    }
}
