//! People (人员) and organizations (单位): the records contracts and achievements point to,
//! their screens (list, page, edit form, duplicates) and the merge of duplicates; people's
//! part-time and leave-to-found periods, and the institution's own platforms.

pub mod merge;
pub mod organization;
pub mod organization_page;
pub mod outside_work;
pub mod person;
pub mod person_page;
pub mod platform;
