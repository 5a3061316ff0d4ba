//! Pure allocation: seats in homework rooms, places in clubs. No files here.

pub mod advice;
pub mod bound;
pub mod clubs;
mod exhaustive;
pub mod flow;
mod lagrange;
mod minimums;
mod relaxation;
pub mod rooms;
mod seat_flow;
mod two_clubs;

/// Nodes searched over minimums so far by every search in this process (a
/// progress line reads it while a big school is planned).
pub fn nodes_searched() -> u64 {
    minimums::NODES.load(std::sync::atomic::Ordering::Relaxed)
}
