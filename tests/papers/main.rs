//! `kehou notices`, `rosters`, `roll`, `slips`, `fees --notices/--paid` and the
//! absence messages, on the demo school, each checked against plan.csv, the
//! slips and attendance.csv read here independently.

#[path = "../common/mod.rs"]
mod common;
mod demo;
mod fees;
mod notices;
#[path = "../page/mod.rs"]
mod page;
mod parents;
mod roll;
mod rosters;
mod slips;
mod texts;
