//! An xlsx workbook built one sheet at a time, so that a big school's
//! thousands of sheets need not all be held in memory at once, and (with
//! [`Book::add_all`]) filled two at a time.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

use super::sheet::{Sheet, SheetNamer};
use super::worksheet;

pub struct Book {
    /// Shared with the threads that make and fill worksheets.
    book: Mutex<Workbook>,
    names: SheetNamer,
    sheets: usize,
}

/// Sheets longer than this, and every sheet after the first hundred, are
/// streamed to a temporary file as they are written, keeping memory flat.
const STREAMED_ROWS: usize = 2000;
const STREAMED_AFTER: usize = 100;

/// Threads filling worksheets in [`Book::add_all`].
const FILLERS: usize = 2;

/// Where [`Book::add_all`]'s caller hands each sheet.
pub type Add<'a> = &'a mut dyn FnMut(Sheet) -> anyhow::Result<()>;

/// A sheet to fill, its place in the workbook and its worksheet's name.
struct Job {
    place: usize,
    sheet: Sheet,
    name: String,
    streamed: bool,
}

/// A filled worksheet and its place, or how filling it failed or panicked.
type Filled = (usize, std::thread::Result<anyhow::Result<Worksheet>>);

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

impl Book {
    /// The creation time is fixed so the same tables give the same file; the
    /// cell formats are registered first, in a fixed order, so worksheets
    /// filled side by side number them the same every time.
    pub fn new() -> Book {
        let mut book = Workbook::new();
        // Fast compression: a big school's workbook is mostly repeated XML.
        book.set_zip_compression_level(1);
        if let Ok(fixed) = ExcelDateTime::from_ymd(2026, 1, 1) {
            book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
        }
        worksheet::register_formats(&mut book);
        Book {
            book: Mutex::new(book),
            names: SheetNamer::default(),
            sheets: 0,
        }
    }

    /// Adds a sheet: a title row, a bold header row that repeats on every
    /// printed page, thin borders, A4 one page wide, page numbers.
    pub fn add(&mut self, sheet: &Sheet) -> anyhow::Result<()> {
        let name = self.names.name(&sheet.name);
        let mut ws = new_worksheet(&self.book, streamed(self.sheets, sheet), &name);
        self.sheets += 1;
        worksheet::fill(&mut ws, sheet, &name)?;
        lock(&self.book).push_worksheet(ws);
        Ok(())
    }

    /// Adds every sheet `build` hands over, in the order it hands them, the
    /// same as [`Book::add`] one by one would, while filling up to two at
    /// once on threads of their own (a big school's thousands of sheets take
    /// seconds each way). A long sheet waits until every sheet before it is
    /// filled, so at most two are held at a time: one filled, the next built.
    pub fn add_all(&mut self, build: impl FnOnce(Add) -> anyhow::Result<()>) -> anyhow::Result<()> {
        let (jobs, waiting) = sync_channel::<Job>(FILLERS);
        let waiting = Mutex::new(waiting);
        let (done, filled) = channel::<Filled>();
        let Book {
            book,
            names,
            sheets,
        } = self;
        let book = &*book;
        std::thread::scope(|scope| {
            for _ in 0..FILLERS {
                let (waiting, done) = (&waiting, done.clone());
                scope.spawn(move || fill_jobs(book, waiting, done));
            }
            drop(done);
            let mut order = InOrder::default();
            let built = build(&mut |sheet| {
                if sheet.rows.len() > STREAMED_ROWS {
                    let before = order.sent;
                    order.put(book, &filled, before)?;
                }
                let job = Job {
                    place: order.sent,
                    streamed: streamed(*sheets, &sheet),
                    name: names.name(&sheet.name),
                    sheet,
                };
                *sheets += 1;
                jobs.send(job)
                    .map_err(|_| anyhow::anyhow!("the worksheet fillers stopped"))?;
                order.sent += 1;
                order.put(book, &filled, 0)
            });
            // The fillers stop once every job is taken.
            drop(jobs);
            let upto = order.sent;
            built.and_then(|()| order.put(book, &filled, upto))
        })
    }

    pub fn finish(self) -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.finish_into(&mut bytes)?;
        Ok(bytes)
    }

    /// Packs the workbook into `out` as it goes (a big school's is 60 MB).
    pub fn finish_into(self, out: &mut (impl std::io::Write + Send)) -> anyhow::Result<()> {
        let mut book = self
            .book
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(book.save_to_writer(out)?)
    }
}

/// Whether a sheet is streamed to a temporary file as it is written (a long
/// one, and every one after the first hundred), keeping memory flat.
fn streamed(before: usize, sheet: &Sheet) -> bool {
    before >= STREAMED_AFTER || sheet.rows.len() > STREAMED_ROWS
}

/// A new worksheet of this name, streamed or kept in memory (also where no
/// temporary file can be had: a full temp folder, too many open files).
fn new_worksheet(book: &Mutex<Workbook>, streamed: bool, name: &str) -> Worksheet {
    let mut ws = match streamed {
        true => lock(book)
            .new_worksheet_with_constant_memory()
            .unwrap_or_else(|_| Worksheet::new()),
        false => Worksheet::new(),
    };
    // Names are made valid by the namer; a refusal keeps rust_xlsxwriter's own.
    let _ = ws.set_name(name);
    ws
}

fn lock(book: &Mutex<Workbook>) -> MutexGuard<'_, Workbook> {
    book.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A filler thread: makes and fills a worksheet for each job it takes (a
/// streamed one's temporary file takes a while to make on some disks)
/// until there are none.
fn fill_jobs(book: &Mutex<Workbook>, waiting: &Mutex<Receiver<Job>>, done: Sender<Filled>) {
    loop {
        let next = match waiting.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok(job) = next else { return };
        let filled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut ws = new_worksheet(book, job.streamed, &job.name);
            worksheet::fill(&mut ws, &job.sheet, &job.name).map(|()| ws)
        }));
        drop(job.sheet);
        if done.send((job.place, filled)).is_err() {
            return;
        }
    }
}

/// Filled worksheets put in the workbook in the order their sheets came.
#[derive(Default)]
struct InOrder {
    /// Sheets handed to the fillers so far.
    sent: usize,
    /// The place of the next worksheet to put in.
    next: usize,
    /// Filled worksheets waiting for those before them.
    early: BTreeMap<usize, Worksheet>,
}

impl InOrder {
    /// Puts in every worksheet filled so far that is next in order, waiting
    /// until at least the first `upto` are in.
    fn put(
        &mut self,
        book: &Mutex<Workbook>,
        filled: &Receiver<Filled>,
        upto: usize,
    ) -> anyhow::Result<()> {
        loop {
            while let Some(ws) = self.early.remove(&self.next) {
                lock(book).push_worksheet(ws);
                self.next += 1;
            }
            let (place, result) = if self.next < upto {
                filled
                    .recv()
                    .map_err(|_| anyhow::anyhow!("the worksheet fillers stopped"))?
            } else {
                match filled.try_recv() {
                    Ok(one) => one,
                    Err(_) => return Ok(()),
                }
            };
            let ws = result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            self.early.insert(place, ws);
        }
    }
}

/// Renders sheets to an xlsx workbook.
pub fn xlsx(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut book = Book::new();
    for sheet in sheets {
        book.add(sheet)?;
    }
    book.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    fn sheets(n: usize) -> Vec<Sheet> {
        (0..n)
            .map(|i| {
                let mut s = Sheet::new(
                    &format!("组{i}"),
                    "x",
                    format!("标题 {i}"),
                    vec!["序号".into(), "姓名".into()],
                );
                // Every tenth sheet long (streamed), the rest short.
                let rows = if i % 10 == 3 {
                    STREAMED_ROWS + 5
                } else {
                    i % 7
                };
                for r in 0..rows {
                    s.rows
                        .push(vec![Cell::Int(r as i64), Cell::Text(format!("学生{r}"))]);
                }
                s
            })
            .collect()
    }

    #[test]
    fn sheets_filled_side_by_side_give_the_same_bytes_as_one_by_one() {
        let all = sheets(STREAMED_AFTER + 40);
        let one_by_one = xlsx(&all).unwrap();
        let mut book = Book::new();
        book.add_all(|add| all.iter().try_for_each(|s| add(s.clone())))
            .unwrap();
        assert_eq!(book.finish().unwrap(), one_by_one);
    }

    #[test]
    fn a_failing_build_stops_without_waiting_forever() {
        let all = sheets(30);
        let mut book = Book::new();
        let mut n = 0;
        let result = book.add_all(|add| {
            for s in &all {
                n += 1;
                if n == 17 {
                    anyhow::bail!("stopped");
                }
                add(s.clone())?;
            }
            Ok(())
        });
        assert_eq!(result.unwrap_err().to_string(), "stopped");
    }
}
