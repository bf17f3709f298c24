//! Payment references (`domain.md` §4): the Dutch *betalingskenmerk* and
//! the IBAN. RF and OGM join them with the matching work.

pub mod betalingskenmerk;
pub mod iban;
