//! People (人员) and organizations (单位): the records contracts and achievements point to,
//! their screens (list, page, edit form, duplicates) and the merge of duplicates.

pub mod merge;
pub mod organization;
pub mod organization_page;
pub mod person;
pub mod person_page;
