//! The portfolio (成果): the achievements an institution owns, from the invention disclosure
//! and its pre-filing assessment to the registered achievement, its departments and attached
//! files, and the portfolio list (成果台账) with an achievement's page.

pub mod achievement;
pub mod assessment;
pub mod attachment;
pub mod bulk;
pub mod department;
pub mod disclosure;
pub mod ledger;
pub mod project;
pub mod register;
