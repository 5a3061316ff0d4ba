//! An xlsx workbook built one sheet at a time, so that a big school's
//! thousands of sheets need not all be held in memory at once, and (with
//! [`Book::add_all`]) filled two at a time.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use anyhow::Context;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

use super::sheet::{Sheet, SheetNamer};
use super::worksheet;

pub struct Book {
    /// Shared with the threads that make and fill worksheets.
    maker: Maker,
    names: SheetNamer,
    sheets: usize,
    /// What the worksheets kept in memory hold so far.
    held: Held,
}

/// Sheets longer than this are streamed to a temporary file as they are
/// written, keeping memory flat.
const STREAMED_ROWS: usize = 2000;

/// The cells and worksheets kept in memory until the workbook is packed
/// (a few hundred bytes a cell, twice over while it is packed): a small
/// school's workbook is never streamed, as making a temporary file per
/// sheet costs more than filling it; a big school's sheets past these are.
const HELD_CELLS: usize = 250_000;
const HELD_SHEETS: usize = 2_000;

/// The cells and worksheets kept in memory so far, in sheet order, and
/// how many may be.
#[derive(Debug)]
struct Held {
    cells: usize,
    sheets: usize,
    most_cells: usize,
    most_sheets: usize,
}

impl Held {
    fn new(most_cells: usize, most_sheets: usize) -> Held {
        Held {
            cells: 0,
            sheets: 0,
            most_cells,
            most_sheets,
        }
    }

    /// Whether this sheet, next in order, is streamed to a temporary file as
    /// it is written (a long one, and every one that would take the memory
    /// kept past the most it may hold); one that is not is counted.
    fn streams(&mut self, sheet: &Sheet) -> bool {
        let cells = cells(sheet);
        let streamed = sheet.rows.len() > STREAMED_ROWS
            || self.cells + cells > self.most_cells
            || self.sheets >= self.most_sheets;
        if !streamed {
            self.cells += cells;
            self.sheets += 1;
        }
        streamed
    }
}

/// The cells a sheet writes (its title, header, rows and lines under it).
fn cells(sheet: &Sheet) -> usize {
    let rows: usize = sheet.rows.iter().map(Vec::len).sum();
    1 + sheet.headers.len() + rows + sheet.footer.len()
}

/// Threads filling worksheets in [`Book::add_all`].
const FILLERS: usize = 2;

/// Where [`Book::add_all`]'s caller hands each sheet.
pub type Add<'a> = &'a mut dyn FnMut(Sheet) -> anyhow::Result<()>;

/// A sheet to fill (handed over or lent), its place in the workbook and
/// its worksheet's name.
struct Job<S> {
    place: usize,
    sheet: S,
    name: String,
    streamed: bool,
}

/// A filled worksheet and its place, or how filling it failed or panicked.
type Filled = (usize, std::thread::Result<anyhow::Result<Worksheet>>);

/// The workbook, which makes the worksheets, one at a time and in the order
/// of their sheets: a streamed one keeps its temporary file open until the
/// workbook is packed, and where none can be had (too many open files, a
/// full temp folder) it is always the same sheets that are kept in memory.
struct Maker {
    book: Mutex<(Workbook, usize)>,
    made_one: Condvar,
}

impl Maker {
    /// The worksheet of the sheet at `place`, once those before it are made.
    fn make(&self, place: usize, streamed: bool, name: &str) -> anyhow::Result<Worksheet> {
        let mut book = self.lock();
        while book.1 < place {
            book = self
                .made_one
                .wait(book)
                .unwrap_or_else(PoisonError::into_inner);
        }
        // Counted first: the next may go on even if this one panics.
        book.1 += 1;
        let made = match streamed {
            true => book.0.new_worksheet_with_constant_memory().ok(),
            false => None,
        };
        drop(book);
        self.made_one.notify_all();
        let mut ws = made.unwrap_or_default();
        ws.set_name(name)?;
        Ok(ws)
    }

    fn lock(&self) -> MutexGuard<'_, (Workbook, usize)> {
        self.book.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

impl Book {
    /// The creation time is fixed so the same tables give the same file; the
    /// cell formats are registered first, in a fixed order, so worksheets
    /// filled side by side number them the same every time (and never race
    /// to register one).
    pub fn new() -> Book {
        Book::holding(HELD_CELLS, HELD_SHEETS)
    }

    /// A workbook keeping at most these many cells and worksheets in memory.
    fn holding(cells: usize, sheets: usize) -> Book {
        let mut book = Workbook::new();
        // Fast compression: a big school's workbook is mostly repeated XML.
        book.set_zip_compression_level(1);
        if let Ok(fixed) = ExcelDateTime::from_ymd(2026, 1, 1) {
            book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
        }
        worksheet::register_formats(&mut book);
        Book {
            maker: Maker {
                book: Mutex::new((book, 0)),
                made_one: Condvar::new(),
            },
            names: SheetNamer::default(),
            sheets: 0,
            held: Held::new(cells, sheets),
        }
    }

    /// Adds a sheet: a title row, a bold header row that repeats on every
    /// printed page, thin borders, A4 one page wide, page numbers.
    pub fn add(&mut self, sheet: &Sheet) -> anyhow::Result<()> {
        let name = self.names.name(&sheet.name);
        let place = self.sheets;
        self.sheets += 1;
        let streamed = self.held.streams(sheet);
        let mut ws = self.maker.make(place, streamed, &name)?;
        fill(&mut ws, sheet, &name)?;
        self.maker.lock().0.push_worksheet(ws);
        Ok(())
    }

    /// Adds every sheet `build` hands over, in the order it hands them, the
    /// same as [`Book::add`] one by one would, while filling up to two at
    /// once on threads of their own (a big school's thousands of sheets take
    /// seconds each way). A long sheet waits until every sheet before it is
    /// filled, so at most two long ones are held at a time: one being
    /// filled, the next being built. After an error every later sheet is
    /// refused.
    pub fn add_all(&mut self, build: impl FnOnce(Add) -> anyhow::Result<()>) -> anyhow::Result<()> {
        self.fill_all(build)
    }

    /// [`Book::add_all`] for sheets handed over (`Sheet`) or lent (`&Sheet`).
    fn fill_all<S: Borrow<Sheet> + Send>(
        &mut self,
        build: impl FnOnce(&mut dyn FnMut(S) -> anyhow::Result<()>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (jobs, waiting) = sync_channel::<Job<S>>(FILLERS);
        let waiting = Mutex::new(waiting);
        let (done, filled) = channel::<Filled>();
        let Book {
            maker,
            names,
            sheets,
            held,
        } = self;
        let maker = &*maker;
        std::thread::scope(|scope| {
            for _ in 0..FILLERS {
                let (waiting, done) = (&waiting, done.clone());
                scope.spawn(move || fill_jobs(maker, waiting, done));
            }
            drop(done);
            let mut order = InOrder::from(*sheets);
            let built = build(&mut |sheet| {
                order.go_on()?;
                if sheet.borrow().rows.len() > STREAMED_ROWS {
                    let before = order.sent;
                    order.put(maker, &filled, before)?;
                }
                let job = Job {
                    place: order.sent,
                    streamed: held.streams(sheet.borrow()),
                    name: names.name(&sheet.borrow().name),
                    sheet,
                };
                jobs.send(job)
                    .map_err(|_| anyhow::anyhow!("the worksheet fillers stopped"))?;
                order.sent += 1;
                order.put(maker, &filled, 0)
            });
            // The fillers stop once every job is taken.
            drop(jobs);
            let upto = order.sent;
            *sheets = order.sent;
            built.and_then(|()| order.put(maker, &filled, upto))
        })
    }

    pub fn finish(self) -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.finish_into(&mut bytes)?;
        Ok(bytes)
    }

    /// Packs the workbook into `out` as it goes (a big school's is 60 MB).
    pub fn finish_into(self, out: &mut (impl std::io::Write + Send)) -> anyhow::Result<()> {
        let (mut book, _) = self
            .maker
            .book
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(book.save_to_writer(out)?)
    }
}

/// Fills a worksheet; a failure names the sheet (it may be reported while
/// another is being built).
fn fill(ws: &mut Worksheet, sheet: &Sheet, name: &str) -> anyhow::Result<()> {
    worksheet::fill(ws, sheet, name).with_context(|| format!("sheet / 工作表 '{name}'"))
}

/// A filler thread: makes and fills a worksheet for each job it takes (a
/// streamed one's temporary file takes a while to make on some disks)
/// until there are none.
fn fill_jobs<S: Borrow<Sheet>>(
    maker: &Maker,
    waiting: &Mutex<Receiver<Job<S>>>,
    done: Sender<Filled>,
) {
    loop {
        let next = match waiting.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok(job) = next else { return };
        let filled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut ws = maker.make(job.place, job.streamed, &job.name)?;
            fill(&mut ws, job.sheet.borrow(), &job.name).map(|()| ws)
        }));
        drop(job.sheet);
        if done.send((job.place, filled)).is_err() {
            return;
        }
    }
}

/// Filled worksheets put in the workbook in the order their sheets came.
struct InOrder {
    /// Places handed to the fillers so far (counting from the workbook's first).
    sent: usize,
    /// The place of the next worksheet to put in.
    next: usize,
    /// Filled worksheets waiting for those before them.
    early: BTreeMap<usize, Worksheet>,
    /// Why a sheet could not be filled: nothing after it is put in.
    broken: Option<String>,
}

impl From<usize> for InOrder {
    /// Puts in worksheets after the workbook's first `made`.
    fn from(made: usize) -> InOrder {
        InOrder {
            sent: made,
            next: made,
            early: BTreeMap::new(),
            broken: None,
        }
    }
}

impl InOrder {
    /// Refuses every sheet after one that could not be filled.
    fn go_on(&self) -> anyhow::Result<()> {
        match &self.broken {
            Some(why) => anyhow::bail!("{why}"),
            None => Ok(()),
        }
    }

    /// Puts in every worksheet filled so far that is next in order, waiting
    /// until at least those before `upto` are in.
    fn put(&mut self, maker: &Maker, filled: &Receiver<Filled>, upto: usize) -> anyhow::Result<()> {
        self.go_on()?;
        loop {
            while let Some(ws) = self.early.remove(&self.next) {
                maker.lock().0.push_worksheet(ws);
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
            match result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                Ok(ws) => self.early.insert(place, ws),
                Err(e) => {
                    self.broken = Some(format!("{e:#}"));
                    return Err(e);
                }
            };
        }
    }
}

/// Renders sheets to an xlsx workbook, filling two at a time.
pub fn xlsx(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut book = Book::new();
    book.fill_all(|add| sheets.iter().try_for_each(add))?;
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

    /// A workbook holding few sheets in memory: the first 100 short ones.
    fn small_book() -> Book {
        Book::holding(usize::MAX, 100)
    }

    #[test]
    fn sheets_filled_side_by_side_give_the_same_bytes_as_one_by_one() {
        let all = sheets(140);
        let mut book = small_book();
        all.iter().try_for_each(|s| book.add(s)).unwrap();
        let one_by_one = book.finish().unwrap();
        let mut book = small_book();
        book.add_all(|add| all.iter().try_for_each(|s| add(s.clone())))
            .unwrap();
        assert_eq!(book.finish().unwrap(), one_by_one);
        // Lent rather than handed over, every short one held in memory.
        let mut book = Book::new();
        all.iter().try_for_each(|s| book.add(s)).unwrap();
        assert_eq!(xlsx(&all).unwrap(), book.finish().unwrap());
    }

    #[test]
    fn sheets_past_the_cells_held_in_memory_are_streamed() {
        let all = sheets(30);
        let mut held = Held::new(40, usize::MAX);
        let streamed: Vec<usize> = (all.iter().enumerate())
            .filter(|(_, s)| held.streams(s))
            .map(|(i, _)| i)
            .collect();
        // The long ones, and short ones once they would hold over 40 cells.
        assert!(streamed.contains(&3) && streamed.contains(&13) && streamed.contains(&23));
        assert_eq!(streamed.first(), Some(&3));
        assert!(streamed.contains(&6), "{streamed:?}");
        let kept: usize = (all.iter().enumerate())
            .filter(|(i, _)| !streamed.contains(i))
            .map(|(_, s)| cells(s))
            .sum();
        assert!(kept <= 40 && kept == held.cells && kept > 30, "{kept}");
        // And the same decisions for the same sheets, whichever way added.
        let mut again = Held::new(40, usize::MAX);
        assert!(
            all.iter()
                .enumerate()
                .all(|(i, s)| again.streams(s) == streamed.contains(&i))
        );
    }

    /// The styles of a one-sheet streamed workbook.
    fn styles(rows: Vec<Vec<Cell>>) -> String {
        let mut sheet = Sheet::new("s", "s", "标题".into(), vec!["h".into(); 7]);
        sheet.rows = rows;
        sheet.rows.resize(STREAMED_ROWS + 1, vec![Cell::from("x")]);
        sheet.footer = vec!["签名".into()];
        let bytes = xlsx(&[sheet]).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        std::io::read_to_string(zip.by_name("xl/styles.xml").unwrap()).unwrap()
    }

    #[test]
    fn every_format_a_sheet_uses_is_registered_before_any_is_filled() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        let link = Cell::Link("s".into());
        let every_kind = vec![
            Cell::from("x"),
            Cell::Int(1),
            Cell::Fen(150),
            Cell::Share(0.5),
            Cell::Decimal(1.5),
            Cell::Date(day),
            link.clone(),
        ];
        assert_eq!(styles(vec![every_kind]), styles(vec![vec![link]]));
    }

    #[test]
    fn a_sheet_that_cannot_be_filled_is_named_and_stops_the_rest() {
        let mut all = sheets(120);
        let too_long = Cell::Text("长".repeat(40_000));
        all[105].rows.push(vec![Cell::Int(0), too_long]);
        let (tell, told) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut book = small_book();
            let mut refused = 0;
            let result = book.add_all(|add| {
                for s in &all {
                    // A careless caller goes on after an error.
                    refused += usize::from(add(s.clone()).is_err());
                }
                Ok(())
            });
            let _ = tell.send((result.map_err(|e| format!("{e:#}")), refused));
        });
        let (result, refused) = told
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("add_all hung");
        let error = result.unwrap_err();
        assert!(error.contains("组105"), "{error}");
        assert!(refused >= 10, "{refused} refused");
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
