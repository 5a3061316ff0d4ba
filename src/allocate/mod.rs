//! Pure allocation: seats in homework rooms, places in clubs. No files here.

pub mod bound;
pub mod clubs;
mod exhaustive;
pub mod flow;
mod minimums;
mod relaxation;
pub mod rooms;
mod seat_flow;
mod two_clubs;
