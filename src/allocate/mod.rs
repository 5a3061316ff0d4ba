//! Pure allocation: seats in homework rooms, places in clubs. No files here.

pub mod clubs;
pub mod flow;
mod minimums;
pub mod rooms;
mod seat_flow;
