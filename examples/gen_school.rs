//! Generates a school for kehou:
//! `cargo run --release --example gen_school -- --students 1600 --seed 1 --out examples/demo`

use std::path::PathBuf;

use clap::Parser;
use kehou::demo::{Shape, generate};

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1600)]
    students: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Seats per classroom (tighter schools: fewer).
    #[arg(long, default_value_t = 45)]
    room_capacity: u32,
    /// Club capacities as a percentage of the usual ones.
    #[arg(long, default_value_t = 100)]
    club_capacity_percent: u32,
    /// Skip the week of filled registers (written for schools up to 20,000).
    #[arg(long)]
    no_registers: bool,
    /// One connected school: a club per 45 students, open to every grade,
    /// three choices each among all of them.
    #[arg(long)]
    open_clubs: bool,
    /// With --open-clubs: every club's minimum (最少人数).
    #[arg(long, default_value_t = 0)]
    club_minimum: u32,
    #[arg(long)]
    out: PathBuf,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let shape = Shape {
        room_capacity: args.room_capacity,
        club_capacity_percent: args.club_capacity_percent,
        registers: !args.no_registers && args.students <= 20_000,
        open_clubs: args.open_clubs,
        club_minimum: args.club_minimum,
        ..Shape::new(args.students, args.seed)
    };
    let made = generate(&shape, &args.out)?;
    eprintln!(
        "{} students in {} classes, {} opted in, {} clubs -> {}",
        args.students,
        made.classes,
        made.opted_in,
        made.clubs,
        args.out.display()
    );
    Ok(())
}
