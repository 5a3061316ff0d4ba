//! Sign-in sheets (签到表): one per meeting of a group, a club meeting once
//! with each child's arrival time even when its bands' blocks start apart; a
//! group too big for one page split by class, one teacher per sheet.

use super::daily::{DayHead, place_apart, register_key, status_codes, teachers_text};
use super::{Cell, Sheet, group_name};
use crate::consent::class_order;
use crate::day::{Day, Group};
use crate::i18n::Label;
use crate::model::natural_cmp;
use crate::plan::Kind;

/// The most children on a sheet that prints on one page with rows to write in.
pub const ONE_PAGE_ROWS: usize = 45;

/// One meeting of a group: a club that several bands join at different
/// times is one meeting; anything else is one group and block.
struct Meeting<'d> {
    groups: Vec<&'d Group>,
}

impl Meeting<'_> {
    fn first(&self) -> &Group {
        self.groups[0]
    }

    fn teachers(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for t in self.groups.iter().flat_map(|g| &g.teachers) {
            if !all.contains(t) {
                all.push(t.clone());
            }
        }
        all
    }

    /// Whether children arrive at different times (bands' blocks apart).
    fn staggered(&self) -> bool {
        self.groups.iter().any(|g| g.start != self.first().start)
    }

    fn time(&self) -> String {
        let start = self.groups.iter().map(|g| g.start).min();
        let end = self.groups.iter().map(|g| g.end).max();
        match (start, end) {
            (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
            _ => super::daily::time_span(self.first()),
        }
    }
}

/// The day's meetings in the order of their first block: a club's bands
/// together, and two bands in one room at one time (the reading room both
/// fall back to) on one sheet.
fn meetings<'d>(day: &'d Day) -> Vec<Meeting<'d>> {
    let mut out: Vec<Meeting> = Vec::new();
    for g in &day.groups {
        let same = out.iter_mut().find(|m| {
            let f = m.first();
            let same_club = g.kind == Kind::Club && f.kind == Kind::Club && f.group == g.group;
            let same_room = g.kind == f.kind && f.group == g.group && f.start == g.start;
            same_club || same_room
        });
        match same {
            Some(m) => m.groups.push(g),
            None => out.push(Meeting { groups: vec![g] }),
        }
    }
    out
}

/// One row of a sign-in sheet: the attendee and the block they come for.
type Row<'d> = (usize, &'d Group);

/// The day's sign-in sheets, and the classes whose handover list is their
/// room's afternoon sheet (when `handover`: the handover lists are printed
/// with them).
pub fn sheets<'d>(
    day: &'d Day,
    head: &DayHead,
    handover: bool,
) -> (Vec<Sheet>, Vec<&'d crate::model::Class>) {
    let mut sheets = Vec::new();
    let mut handed_over = Vec::new();
    let mut afternoon = |blocks: &[&'d Group], sheets: &mut Vec<Sheet>| {
        let (sheet, class) = afternoon_sheet(day, head, blocks, handover);
        sheets.push(sheet);
        handed_over.extend(class);
    };
    let (whole_days, meetings) = whole_afternoons(meetings(day));
    let mut whole_days = whole_days.into_iter().peekable();
    for meeting in meetings {
        // A room's sheet for the afternoon goes where its first block was.
        while let Some(w) = whole_days.next_if(|w| w.0 <= meeting.first().start) {
            afternoon(&w.1, &mut sheets);
        }
        let parts = parts(day, &meeting);
        let teachers = meeting.teachers();
        for (k, part) in parts.iter().enumerate() {
            let mine = teachers_of_part(&teachers, k, parts.len());
            let which = (parts.len() > 1).then_some((k, parts.len()));
            sheets.push(sign_in_sheet(day, head, &meeting, part, &mine, which));
        }
    }
    for w in whole_days {
        afternoon(&w.1, &mut sheets);
    }
    (sheets, handed_over)
}

/// How many sign-in sheets the day prints (what the day's summary says).
pub fn count(day: &Day) -> usize {
    let (whole_days, meetings) = whole_afternoons(meetings(day));
    whole_days.len() + meetings.iter().map(|m| parts(day, m).len()).sum::<usize>()
}

/// A meeting's rows in class order, cut into the sheets they print on.
fn parts<'d>(day: &Day, meeting: &Meeting<'d>) -> Vec<Vec<Row<'d>>> {
    let mut rows: Vec<Row> = meeting
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&a| (a, *g)))
        .collect();
    rows.sort_by(|x, y| {
        let (a, b) = (&day.attendees[x.0], &day.attendees[y.0]);
        class_order(a.class, b.class).then_with(|| natural_cmp(&a.student.id, &b.student.id))
    });
    split_by_class(day, &rows)
}

/// The groups of a room (or an activity) met in more than one block whose
/// children fit on one page: one sheet for the afternoon, a status column
/// per block (a child not there in a block has `—` in it). Returns those
/// (with their first start) and the meetings left.
fn whole_afternoons<'d>(
    meetings: Vec<Meeting<'d>>,
) -> (Vec<(chrono::NaiveTime, Vec<&'d Group>)>, Vec<Meeting<'d>>) {
    let mut by_group: Vec<Vec<&Group>> = Vec::new();
    for m in &meetings {
        let g: &'d Group = m.groups[0];
        if m.groups.len() != 1 || g.kind == Kind::Club {
            continue;
        }
        match by_group
            .iter_mut()
            .find(|gs| gs[0].kind == g.kind && gs[0].group == g.group)
        {
            Some(gs) => gs.push(g),
            None => by_group.push(vec![g]),
        }
    }
    let mut whole = Vec::new();
    for gs in by_group {
        let mut children: Vec<usize> = gs.iter().flat_map(|g| g.members.iter().copied()).collect();
        children.sort_unstable();
        children.dedup();
        if gs.len() > 1 && children.len() <= ONE_PAGE_ROWS {
            whole.push((gs[0].start, gs));
        }
    }
    let taken = |m: &Meeting| {
        whole
            .iter()
            .any(|(_, gs)| gs.iter().any(|g| std::ptr::eq(*g, m.first())))
    };
    let rest = meetings.into_iter().filter(|m| !taken(m)).collect();
    whole.sort_by_key(|w| w.0);
    (whole, rest)
}

/// The hidden key of an afternoon sheet's row: the keys of the blocks the
/// child is there for, `;` between.
pub const KEYS_APART: char = ';';

/// A block's column on a room's afternoon sheet: the room's group meets in
/// it (a status to fill in, or where a child is instead), or, on a class's
/// sheet that is also its handover list, the class is elsewhere (where each
/// child is, printed).
enum BlockColumn<'d> {
    Here(&'d Group),
    Elsewhere(chrono::NaiveTime),
}

impl BlockColumn<'_> {
    fn start(&self) -> chrono::NaiveTime {
        match self {
            BlockColumn::Here(g) => g.start,
            BlockColumn::Elsewhere(start) => *start,
        }
    }
}

/// One room's sign-in sheet for the afternoon: every child who is there in
/// any of its blocks, a status column per block, one key per block. A class
/// alone in its room all afternoon (its children today exactly the
/// sheet's) gets its handover list on the same sheet when `handover`: a
/// column for every block of its afternoon, its children not staying and
/// the handover's signature under the table. Returns the sheet and that
/// class.
fn afternoon_sheet<'d>(
    day: &'d Day,
    head: &DayHead,
    blocks: &[&'d Group],
    handover: bool,
) -> (Sheet, Option<&'d crate::model::Class>) {
    let children = afternoon_children(day, blocks);
    let one_class = children
        .windows(2)
        .all(|w| day.attendees[w[0]].class.name == day.attendees[w[1]].class.name);
    let class = children.first().map(|&a| day.attendees[a].class);
    let whole_class = class
        .filter(|c| handover && one_class && super::handover::is_whole_class(day, c, &children));
    let sheet = afternoon_sheet_for(day, head, blocks, &children, one_class, whole_class);
    match whole_class {
        // The handover's lines must leave the sheet its scale.
        Some(_) if super::layout::print_scale(&sheet) < ONE_PAGE_SCALE => (
            afternoon_sheet_for(day, head, blocks, &children, one_class, None),
            None,
        ),
        _ => (sheet, whole_class),
    }
}

/// The least scale a one-page sign-in sheet prints at.
const ONE_PAGE_SCALE: f64 = 0.9;

/// A room's afternoon sheet of these children, with `handed_over`'s
/// handover list on it when given.
fn afternoon_sheet_for(
    day: &Day,
    head: &DayHead,
    blocks: &[&Group],
    children: &[usize],
    one_class: bool,
    handed_over: Option<&crate::model::Class>,
) -> Sheet {
    let class = children.first().map(|&a| day.attendees[a].class);
    let columns = block_columns(day, blocks, handed_over);
    let mut sheet = afternoon_layout(head, blocks, &columns, one_class);
    let title_class = class.filter(|_| one_class);
    sheet.title = afternoon_title(head, blocks, title_class, handed_over.is_some());
    for (i, &a) in children.iter().enumerate() {
        let row = afternoon_row(day, head, &columns, a, i + 1, one_class);
        sheet.rows.push(row);
    }
    sheet.footer = vec![afternoon_total(day, head, blocks)];
    if let Some(class) = handed_over {
        sheet
            .footer
            .extend(super::handover::lines_under(day, head, class));
    }
    sheet
}

/// Every child in any of the blocks, in class order, each once.
fn afternoon_children(day: &Day, blocks: &[&Group]) -> Vec<usize> {
    let mut children: Vec<usize> = blocks
        .iter()
        .flat_map(|b| b.members.iter().copied())
        .collect();
    children.sort_by(|x, y| {
        let (a, b) = (&day.attendees[*x], &day.attendees[*y]);
        class_order(a.class, b.class).then_with(|| natural_cmp(&a.student.id, &b.student.id))
    });
    children.dedup();
    children
}

/// The block columns: the room's blocks; for a class's handover list every
/// block of the class's afternoon, in order.
fn block_columns<'d>(
    day: &Day,
    blocks: &[&'d Group],
    class: Option<&crate::model::Class>,
) -> Vec<BlockColumn<'d>> {
    let mut columns: Vec<BlockColumn> = blocks.iter().map(|&b| BlockColumn::Here(b)).collect();
    let band = class.and_then(|c| day.attendees.iter().find(|a| a.class.name == c.name));
    if let Some(att) = band {
        for (_, start, _) in day.blocks_today(att.band) {
            if !blocks.iter().any(|b| b.start == start) {
                columns.push(BlockColumn::Elsewhere(start));
            }
        }
        columns.sort_by_key(BlockColumn::start);
    }
    columns
}

/// `09-08 15:30–17:00 101教室 1(1)班 交接 班主任: … 看护教师: … 应到 15:30 26/16:30 17`.
fn afternoon_title(
    head: &DayHead,
    blocks: &[&Group],
    class: Option<&crate::model::Class>,
    handed_over: bool,
) -> String {
    let (school, l) = (head.school, |x| head.l(x));
    let g = blocks[0];
    let last = blocks.iter().map(|b| b.end).max().unwrap_or(g.end);
    let mut what = format!(
        "{}–{} {}",
        g.start.format("%H:%M"),
        last.format("%H:%M"),
        group_name(school, g.kind, &g.group)
    );
    // One class all afternoon (a class in its own room): the class is said
    // once, in the title, and its column left out for the notes to be wide.
    if let Some(class) = class {
        what += &format!(" {}", class.name);
    }
    if handed_over && let Some(class) = class {
        what += &format!(
            " {} {}: {}",
            l(Label::Handover),
            l(Label::HeadTeacher),
            school.staff_label(&class.head_teacher)
        );
    }
    let where_ = place_apart(school, g.kind, &g.group);
    if !where_.is_empty() {
        what += &format!(" {}: {where_}", l(Label::Place));
    }
    what += &format!(
        " {}: {} {} {}",
        l(Label::Supervisor),
        afternoon_supervisors(head, blocks),
        l(Label::Expected),
        block_counts(blocks, |_| true)
    );
    format!("{} {what}", head.when_short())
}

/// The room's teachers: once when the same all afternoon, else per block.
fn afternoon_supervisors(head: &DayHead, blocks: &[&Group]) -> String {
    let school = head.school;
    let g = blocks[0];
    if blocks.iter().all(|b| b.teachers == g.teachers) {
        return teachers_text(school, &g.teachers);
    }
    blocks
        .iter()
        .map(|b| {
            format!(
                "{} {}",
                b.start.format("%H:%M"),
                teachers_text(school, &b.teachers)
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// `15:30 26/16:30 17`: per block, how many of its children count.
fn block_counts(blocks: &[&Group], counts: impl Fn(usize) -> bool) -> String {
    blocks
        .iter()
        .map(|b| {
            let n = b.members.iter().filter(|&&a| counts(a)).count();
            format!("{} {n}", b.start.format("%H:%M"))
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The sheet's columns and print setup, without its rows.
fn afternoon_layout(
    head: &DayHead,
    blocks: &[&Group],
    columns: &[BlockColumn],
    one_class: bool,
) -> Sheet {
    let (school, l) = (head.school, |x| head.l(x));
    let g = blocks[0];
    let name = group_name(school, g.kind, &g.group);
    let mut headers = vec![l(Label::No)];
    if !one_class {
        headers.push(l(Label::Class));
    }
    headers.extend([l(Label::Name), l(Label::StudentId)]);
    let first_block = headers.len();
    // A block by its start (its end is the next one's start, the last's the
    // title's): the header stays two short lines.
    headers.extend(columns.iter().map(|c| match c {
        BlockColumn::Here(b) => format!("{} {}", l(Label::Status), b.start.format("%H:%M")),
        BlockColumn::Elsewhere(start) => format!("{} {}", l(Label::Group), start.format("%H:%M")),
    }));
    headers.extend(
        [
            Label::SignedIn,
            Label::LeftAt,
            Label::PickupBy,
            Label::Notes,
            Label::RegisterKey,
            Label::Substitute,
        ]
        .map(l),
    );
    let key_col = headers.len() - 2;
    let mut sheet = Sheet::new(
        &format!("{}-{name}", l(Label::SignIn)),
        &format!("signin-{}", g.group),
        String::new(),
        headers,
    );
    sheet.page_header = head.page_header();
    let status: Vec<usize> = (first_block..first_block + columns.len())
        .filter(|&c| matches!(columns[c - first_block], BlockColumn::Here(_)))
        .collect();
    sheet.choices = Some((status[0], status_codes(head.lang)));
    // A status column as wide as its header (`状态 15:30` on one line), so
    // the header row stays one line high.
    let mut handwritten: Vec<(usize, usize)> = status
        .iter()
        .map(|&c| (c, super::layout::display_width(&sheet.headers[c])))
        .collect();
    sheet.choice_columns = status;
    // 签到 and 离校时间 as on a sheet of one block, and the substitute's name.
    handwritten.extend([(key_col - 4, 6), (key_col - 3, 6), (key_col + 1, 8)]);
    sheet.handwritten = handwritten;
    sheet.hidden = vec![key_col];
    sheet.one_page = true;
    sheet
}

/// A child's row: a status to fill in for each block they are here for
/// (假 when on leave), where they are for the others, their keys.
fn afternoon_row(
    day: &Day,
    head: &DayHead,
    columns: &[BlockColumn],
    a: usize,
    no: usize,
    one_class: bool,
) -> Vec<Cell> {
    let l = |x| head.l(x);
    let att = &day.attendees[a];
    let mut notes = vec![head.leave_note(att), att.student.notes.clone()];
    notes.retain(|n| !n.is_empty());
    let mut row: Vec<Cell> = vec![no.into()];
    if !one_class {
        row.push(Cell::from(&att.class.name));
    }
    row.extend([Cell::from(&att.student.name), Cell::from(&att.student.id)]);
    let mut keys = Vec::new();
    for column in columns {
        let here = match column {
            BlockColumn::Here(b) if b.members.contains(&a) => Some(b),
            _ => None,
        };
        row.push(Cell::from(match here {
            Some(_) if att.leave.is_some() => l(Label::OnLeave),
            Some(_) => String::new(),
            None => where_else(head, att, column.start()),
        }));
        if let Some(b) = here {
            keys.push(register_key(day.date, b.start, &b.group, &att.student.id));
        }
    }
    row.extend([
        Cell::from(""),
        Cell::from(""),
        Cell::from(&att.pickup_by),
        Cell::from(notes.join(";")),
        Cell::from(keys.join(&KEYS_APART.to_string())),
        // The planned teachers are in the title; a substitute writes
        // here (`15:30 姓名` for one block only).
        Cell::from(""),
    ]);
    row
}

/// Where a child not in this room is in the block starting then: the
/// group, `离校 16:10` once gone home, `—` when their afternoon has no such
/// block.
fn where_else(head: &DayHead, att: &crate::day::Attendee, start: chrono::NaiveTime) -> String {
    let block = att.band.blocks.iter().position(|b| b.start == start);
    match block.and_then(|i| att.places.get(i)) {
        Some(Some((kind, group))) => group_name(head.school, *kind, group),
        Some(None) => format!(
            "{} {}",
            head.l(Label::GoesHome),
            att.leaves_at.format("%H:%M")
        ),
        None => NOT_HERE.to_string(),
    }
}

/// A block cell of a child whose afternoon has no such block.
pub const NOT_HERE: &str = "—";

/// `应到 15:30 26/16:30 17,假 15:30 0/16:30 0,到 ____,缺 ____ 看护教师签名 …`.
fn afternoon_total(day: &Day, head: &DayHead, blocks: &[&Group]) -> String {
    let l = |x| head.l(x);
    format!(
        "{} {},{} {},{} ____,{} ____    {}    {}",
        l(Label::Expected),
        block_counts(blocks, |_| true),
        l(Label::OnLeave),
        block_counts(blocks, |a| day.attendees[a].leave.is_some()),
        l(Label::Present),
        l(Label::Absent),
        l(Label::TeacherSignature),
        l(Label::LeaderSignature)
    )
}

/// Cuts a big group into sheets of whole classes of at most
/// [`ONE_PAGE_ROWS`] (a class bigger than that into even pieces).
fn split_by_class<'d>(day: &Day, rows: &[Row<'d>]) -> Vec<Vec<Row<'d>>> {
    if rows.len() <= ONE_PAGE_ROWS {
        return vec![rows.to_vec()];
    }
    let mut parts: Vec<Vec<Row>> = Vec::new();
    let mut current: Vec<Row> = Vec::new();
    for class in
        rows.chunk_by(|x, y| day.attendees[x.0].class.name == day.attendees[y.0].class.name)
    {
        let pieces = class.len().div_ceil(ONE_PAGE_ROWS);
        for piece in class.chunks(class.len().div_ceil(pieces)) {
            if !current.is_empty() && current.len() + piece.len() > ONE_PAGE_ROWS {
                parts.push(std::mem::take(&mut current));
            }
            current.extend_from_slice(piece);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// The teachers of sheet `k` of `n`: one each when there are enough; more
/// teachers than sheets share them out; fewer take turns.
fn teachers_of_part(teachers: &[String], k: usize, n: usize) -> Vec<String> {
    if n == 1 || teachers.is_empty() {
        return teachers.to_vec();
    }
    let mine: Vec<String> = teachers
        .iter()
        .enumerate()
        .filter(|(j, _)| j % n == k)
        .map(|(_, t)| t.clone())
        .collect();
    if mine.is_empty() {
        vec![teachers[k % teachers.len()].clone()]
    } else {
        mine
    }
}

fn sign_in_sheet(
    day: &Day,
    head: &DayHead,
    meeting: &Meeting,
    rows: &[Row],
    teachers: &[String],
    which: Option<(usize, usize)>,
) -> Sheet {
    let (school, l) = (head.school, |x| head.l(x));
    let g = meeting.first();
    let name = group_name(school, g.kind, &g.group);
    let supervisors = teachers_text(school, teachers);
    let where_ = place_apart(school, g.kind, &g.group);
    let mut what = format!("{} {name}", meeting.time());
    if !where_.is_empty() {
        what += &format!(" {}: {where_}", l(Label::Place));
    }
    what += &format!(
        " {}: {supervisors} {} {}",
        l(Label::Supervisor),
        l(Label::Expected),
        rows.len()
    );
    let (mut sheet_name, mut slug) = (
        format!("{}-{name} {}", l(Label::SignIn), g.start.format("%H%M")),
        format!("signin-{}-{}", g.group, g.start.format("%H%M")),
    );
    if let Some((k, n)) = which {
        what += &format!(" ({}/{n} {})", k + 1, classes_of(day, rows, head.lang));
        sheet_name += &format!("·{}", k + 1);
        slug += &format!("-{}", k + 1);
    }
    let mut headers = [
        Label::No,
        Label::Class,
        Label::Name,
        Label::StudentId,
        Label::Status,
        Label::SignedIn,
        Label::LeftAt,
        Label::PickupBy,
        Label::Notes,
        Label::RegisterKey,
        Label::Substitute,
    ]
    .map(l)
    .to_vec();
    let staggered = meeting.staggered();
    if staggered {
        headers.push(l(Label::Arrival));
    }
    let mut sheet = Sheet::new(
        &sheet_name,
        &slug,
        format!("{} {what}", head.when_short()),
        headers,
    );
    sheet.page_header = head.page_header();
    for (i, &(a, block)) in rows.iter().enumerate() {
        let att = &day.attendees[a];
        let on_leave = att.leave.is_some();
        let mut notes = vec![head.leave_note(att), att.student.notes.clone()];
        notes.retain(|n| !n.is_empty());
        let mut row = vec![
            (i + 1).into(),
            Cell::from(&att.class.name),
            Cell::from(&att.student.name),
            Cell::from(&att.student.id),
            Cell::from(if on_leave {
                l(Label::OnLeave)
            } else {
                String::new()
            }),
            Cell::from(""),
            Cell::from(""),
            Cell::from(&att.pickup_by),
            Cell::from(notes.join(";")),
            Cell::from(register_key(
                day.date,
                block.start,
                &block.group,
                &att.student.id,
            )),
            // The planned teachers are in the title; a substitute writes here.
            Cell::from(""),
        ];
        if staggered {
            row.push(Cell::from(block.start.format("%H:%M").to_string()));
        }
        sheet.rows.push(row);
    }
    let leave = rows
        .iter()
        .filter(|(a, _)| day.attendees[*a].leave.is_some())
        .count();
    sheet.footer = vec![format!(
        "{} {},{} {},{} ____,{} ____    {}    {}",
        l(Label::Expected),
        rows.len(),
        l(Label::OnLeave),
        leave,
        l(Label::Present),
        l(Label::Absent),
        l(Label::TeacherSignature),
        l(Label::LeaderSignature)
    )];
    sheet.choices = Some((4, status_codes(head.lang)));
    sheet.handwritten = vec![(4, 4), (5, 6), (6, 6), (10, 8)];
    sheet.hidden = vec![9];
    sheet.one_page = rows.len() <= ONE_PAGE_ROWS;
    sheet
}

/// `1(1)班、1(2)班`: the classes on a part of a split group.
fn classes_of(day: &Day, rows: &[Row], lang: crate::i18n::Lang) -> String {
    let mut names: Vec<String> = Vec::new();
    for (a, _) in rows {
        let class = &day.attendees[*a].class.name;
        if names.last() != Some(class) {
            names.push(class.clone());
        }
    }
    lang.list(&names)
}
