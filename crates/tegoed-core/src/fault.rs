//! Whose move a failure is: the person's (something they gave is unusable,
//! or the book they pointed at cannot be opened) or Tegoed's (a bug, a
//! damaged book). One classification of every core error, which the CLI's
//! exit codes (1 for the person's, 2 for Tegoed's) and the app's error
//! kinds both follow.

/// Whose move a failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Something the person gave is unusable: a file, date, amount, name,
    /// setting, or a decision the rules refuse.
    Input,
    /// The book cannot be opened or used where the person pointed.
    Book,
    /// Something broke inside Tegoed, or the book is damaged.
    Internal,
}

impl Fault {
    /// The person can fix it (exit 1 in the CLI).
    pub fn is_users(self) -> bool {
        !matches!(self, Fault::Internal)
    }
}

/// An error that knows whose move it is.
pub trait Classify {
    /// Whose move this failure is.
    fn fault(&self) -> Fault;
}

#[cfg(test)]
mod tests {
    use super::{Classify, Fault};
    use crate::book::BookError;
    use crate::import::FileError;
    use crate::matching::decision::Refusal;
    use crate::reconcile::DecisionError;

    #[test]
    fn wrappers_take_the_fault_of_what_they_wrap() {
        let missing = BookError::NoHome;
        assert_eq!(missing.fault(), Fault::Book);
        assert_eq!(FileError::Book(BookError::NoHome).fault(), Fault::Book);
        let corrupt = BookError::Corrupt {
            what: "x",
            value: "y".to_owned(),
        };
        assert_eq!(FileError::Book(corrupt).fault(), Fault::Internal);
        assert!(!Fault::Internal.is_users());
        let refused = DecisionError::Refused(Refusal::UnknownTransaction(1));
        assert_eq!(refused.fault(), Fault::Input);
    }
}
