//! Realistic schools, deterministically from a seed: the committed demo, the
//! schools of the property tests and the benchmarks' 5,000 and 200,000.
//!
//! Six grades of about six classes, Chinese names, ~75% opting in with ranked
//! club choices, opt-outs with reasons (a few without), missing slips, changed
//! minds, late joiners and mid-term withdrawals, first-session-only students,
//! a room per class plus a reading room, 30 clubs (more for bigger schools)
//! with grade limits and minimums, staff and duty leaders, leave requests and
//! pickup changes.

mod duty_records;

use std::path::Path;

use chrono::{Datelike, Days as ChronoDays, NaiveDate};

use crate::rng::Rng;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "欧阳", "司马", "诸葛",
];
const GIVEN: &[&str] = &[
    "子", "涵", "梓", "轩", "浩", "宇", "欣", "怡", "一", "诺", "雨", "桐", "思", "睿", "博", "文",
    "佳", "琪", "俊", "杰", "晨", "曦", "若", "汐", "沐", "阳", "嘉", "怡", "可", "馨", "奕", "辰",
    "铭", "泽", "语", "彤", "心", "悦", "安", "然", "皓", "天", "昊", "瑶", "楠", "静", "宁", "远",
    "志", "明", "昕", "妍", "乐", "瑞", "霖", "晗", "煜", "祺", "萱", "逸", "航", "硕", "钰", "璇",
];
const OPT_OUT_REASONS: &[&str] = &[
    "家长可按时接送",
    "家中有老人照看",
    "离家近,家长下班早",
    "孩子身体原因",
    "家长自行辅导作业",
];
const WITHDRAW_REASONS: &[&str] = &["家长工作调整,可按时接送", "搬家转学", "孩子身体原因"];
const NOTES: &[&str] = &["花生过敏", "哮喘,随身带药", "近视,坐前排", "海鲜过敏"];

/// (name, grades, days, capacity, min, fee in yuan, popularity weight)
const CLUBS: &[(&str, &str, &str, u32, u32, &str, u32)] = &[
    ("足球", "3-6", "一三", 30, 12, "", 9),
    ("篮球", "3-6", "二四", 30, 10, "", 8),
    ("乒乓球", "2-6", "一三", 24, 0, "", 7),
    ("羽毛球", "3-6", "二四", 24, 0, "20", 5),
    ("花样跳绳", "1-3", "五", 30, 0, "", 4),
    ("围棋", "2-6", "二四", 24, 8, "30", 4),
    ("中国象棋", "3-6", "一三", 24, 0, "", 4),
    ("国际象棋", "4-6", "五", 20, 8, "30", 2),
    ("硬笔书法", "1-3", "二四", 35, 0, "15", 4),
    ("软笔书法", "3-6", "一三", 30, 0, "40", 3),
    ("国画", "2-6", "二四", 28, 0, "50", 4),
    ("儿童画", "1-2", "一三", 30, 0, "30", 6),
    ("剪纸", "1-4", "五", 28, 0, "20", 3),
    ("创意手工", "1-2", "二四", 28, 0, "30", 5),
    ("合唱", "2-6", "一三", 40, 15, "", 3),
    ("舞蹈", "1-4", "二四", 30, 0, "", 6),
    ("竖笛", "3-5", "五", 30, 0, "35", 2),
    ("古筝", "3-6", "一三", 16, 6, "", 3),
    ("科学实验", "3-6", "二四", 30, 0, "40", 7),
    ("机器人", "4-6", "一三", 24, 10, "80", 6),
    ("趣味编程", "5-6", "二四", 24, 0, "", 5),
    ("航模", "4-6", "五", 20, 12, "100", 2),
    ("英语绘本", "1-3", "一三", 30, 0, "25", 5),
    ("阅读写作", "4-6", "二四", 35, 0, "", 3),
    ("数学思维", "3-6", "一三", 35, 0, "", 5),
    ("武术", "1-6", "五", 30, 0, "", 4),
    ("田径", "4-6", "一三", 30, 0, "", 3),
    ("课本剧", "3-6", "五", 24, 10, "", 2),
    ("陶艺", "2-6", "二四", 20, 0, "60", 4),
    ("播音主持", "3-6", "五", 20, 0, "", 3),
];

/// A generated club: id, grades, days and how popular it is.
type ClubSpec = (String, &'static str, &'static str, u32);

struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(headers: &[&str]) -> Table {
        Table {
            rows: vec![headers.iter().map(|h| h.to_string()).collect()],
        }
    }

    fn push(&mut self, mut row: Vec<String>) {
        row.resize(self.rows[0].len(), String::new());
        self.rows.push(row);
    }

    /// UTF-8 with BOM and CRLF, as Excel on Windows saves "CSV UTF-8".
    fn write(&self, dir: &Path, name: &str) -> std::io::Result<()> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            for row in &self.rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
        write(&dir.join(name), &out)
    }
}

fn name(rng: &mut Rng) -> String {
    let mut n = rng.pick(SURNAMES).to_string();
    n += *rng.pick(GIVEN);
    if rng.chance(0.7) {
        n += *rng.pick(GIVEN);
    }
    n
}

fn phone(rng: &mut Rng) -> String {
    let prefix = [
        "138", "139", "137", "135", "136", "150", "151", "158", "186", "188", "199",
    ];
    format!("{}{:08}", rng.pick(&prefix), rng.below(100_000_000))
}

fn d(m: u32, day: u32) -> NaiveDate {
    let y = if m >= 8 { 2026 } else { 2027 };
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A school day (Monday–Friday) between two dates, outside the holidays.
fn weekday_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(1) as usize;
    loop {
        let date = from + ChronoDays::new(rng.below(span) as u64);
        let holiday = date == d(9, 25) || (d(10, 1)..=d(10, 7)).contains(&date);
        if date.weekday().num_days_from_monday() < 5 && !holiday {
            return date;
        }
    }
}

/// The size and tightness of a generated school.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub students: usize,
    pub seed: u64,
    /// Seats in each classroom used as a homework room.
    pub room_capacity: u32,
    /// Also write a week of filled registers (`registers/<date>.csv`, the week
    /// of 14 September, with the makeup Sunday) for the plan made as of the
    /// first day of term.
    pub registers: bool,
    /// Club capacities as a percentage of the usual ones (tight: below 100).
    pub club_capacity_percent: u32,
    /// One connected school instead of a district: a club per 45 students
    /// (capacities around 20), every club open to every grade, and each
    /// student choosing among all of them — the choice graph is one component.
    pub open_clubs: bool,
    /// With `open_clubs`: every club's minimum (最少人数); 0, none. With
    /// more seats than takers (`club_capacity_percent` above 100), the
    /// least chosen clubs fall below it and the search over minimums works
    /// on one connected part.
    pub club_minimum: u32,
}

impl Shape {
    pub fn new(students: usize, seed: u64) -> Shape {
        Shape {
            students,
            seed,
            room_capacity: 45,
            club_capacity_percent: 100,
            registers: false,
            open_clubs: false,
            club_minimum: 0,
        }
    }
}

/// What was generated, for the caller to print.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub classes: usize,
    pub opted_in: usize,
    pub clubs: usize,
}

/// The clubs of [`Shape::open_clubs`]: one per 45 students, open to every
/// grade, capacities 16–24, the usual names and days in turn, minimums
/// [`Shape::club_minimum`].
fn open_clubs(
    shape: &Shape,
    rng: &mut Rng,
    hire: &mut dyn FnMut(&mut Rng, &str, &str) -> String,
    clubs: &mut Table,
    club_list: &mut Vec<ClubSpec>,
) {
    for i in 0..shape.students.div_ceil(45).max(1) {
        let (cname, _, days, _, _, fee, weight) = CLUBS[i % CLUBS.len()];
        let id = format!("K{:05}", i + 1);
        let teacher = hire(rng, "teacher", days);
        let cap = ((16 + rng.below(9) as u32) * shape.club_capacity_percent / 100).max(1);
        clubs.push(vec![
            id.clone(),
            format!("{cname}{}班", i / CLUBS.len() + 1),
            teacher,
            format!("社团活动室{}", i + 1),
            days.to_string(),
            String::new(),
            cap.to_string(),
            match shape.club_minimum {
                0 => String::new(),
                min => min.to_string(),
            },
            String::new(),
            fee.to_string(),
        ]);
        club_list.push((id, "1-6", days, weight));
    }
}

/// Writes a whole school (config and every input file) into `out`.
pub fn generate(shape: &Shape, out: &Path) -> std::io::Result<Generated> {
    let args = shape;
    let mut rng = Rng::new(args.seed);
    std::fs::create_dir_all(out)?;

    let per_grade = args.students.div_ceil(6).max(1);
    let classes_per_grade = per_grade.div_ceil(45).max(1);
    let club_copies = args.students.div_ceil(1600).max(1);

    // Staff: a head teacher per class, club teachers, duty leaders.
    let mut staff = Table::new(&["工号", "姓名", "电话", "角色", "可值班日"]);
    let mut next_staff = 0;
    let mut hire = |rng: &mut Rng, role: &str, available: &str| {
        next_staff += 1;
        let prefix = if role == "leader" { "L" } else { "T" };
        let id = format!("{prefix}{next_staff:04}");
        staff.push(vec![
            id.clone(),
            name(rng),
            phone(rng),
            role.to_string(),
            available.to_string(),
        ]);
        id
    };

    // Classes, each with its own classroom as its homework room.
    let mut classes = Table::new(&["班级", "年级", "班主任", "教室"]);
    let mut rooms = Table::new(&[
        "教室", "容量", "年级", "周一", "周二", "周三", "周四", "周五",
    ]);
    let mut class_names: Vec<(String, u8)> = Vec::new();
    for grade in 1..=6u8 {
        for k in 1..=classes_per_grade {
            let class = format!("{grade}({k})班");
            let room = format!("{grade}{k:02}教室");
            let head = hire(&mut rng, "teacher", "");
            classes.push(vec![class.clone(), grade.to_string(), head, room.clone()]);
            rooms.push(vec![
                room,
                shape.room_capacity.to_string(),
                grade.to_string(),
            ]);
            class_names.push((class, grade));
        }
    }
    for (room, cap) in [("阅览室", 80), ("多功能厅", 120)] {
        for copy in 1..=club_copies {
            let room = if copy == 1 {
                room.to_string()
            } else {
                format!("{room}{copy}")
            };
            rooms.push(vec![room, cap.to_string(), String::new()]);
        }
    }
    // Subject teachers available for supervision on some days.
    for i in 0..classes_per_grade * 3 {
        let days = ["一至五", "一三五", "二四", "一至四"][i % 4];
        hire(&mut rng, "teacher", days);
    }
    for i in 0..(6 * club_copies).max(5) {
        let days = ["一至五", "一三", "二四", "五", "一至五"][i % 5];
        hire(&mut rng, "leader", days);
    }

    // Clubs.
    let mut clubs = Table::new(&[
        "社团编号",
        "名称",
        "教师",
        "地点",
        "活动日",
        "时段",
        "人数上限",
        "最少人数",
        "年级",
        "材料费",
    ]);
    let mut club_list: Vec<ClubSpec> = Vec::new();
    if shape.open_clubs {
        open_clubs(shape, &mut rng, &mut hire, &mut clubs, &mut club_list);
    }
    for copy in 1..=club_copies * usize::from(!shape.open_clubs) {
        for (i, (cname, grades, days, cap, min, fee, weight)) in CLUBS.iter().enumerate() {
            let cap = (cap * shape.club_capacity_percent / 100).max(1);
            let min = (*min).min(cap);
            let id = format!("K{:03}", (copy - 1) * CLUBS.len() + i + 1);
            let shown = if copy == 1 {
                cname.to_string()
            } else {
                format!("{cname}{copy}班")
            };
            let teacher = hire(&mut rng, "teacher", days);
            clubs.push(vec![
                id.clone(),
                shown,
                teacher,
                format!("社团活动室{}", (copy - 1) * CLUBS.len() + i + 1),
                days.to_string(),
                String::new(),
                cap.to_string(),
                if min > 0 {
                    min.to_string()
                } else {
                    String::new()
                },
                grades.to_string(),
                fee.to_string(),
            ]);
            club_list.push((id, grades, days, *weight));
        }
    }

    // Special activities for the low and middle grades.
    let mut activities = Table::new(&["年级", "星期", "名称", "教师", "地点"]);
    let acts = [
        ("绘本共读", "二"),
        ("趣味体育", "四"),
        ("科学小实验", "三"),
        ("经典诵读", "一"),
    ];
    for grade in 1..=4u8 {
        for (k, (aname, day)) in acts.iter().enumerate() {
            if (grade as usize + k).is_multiple_of(2) {
                continue;
            }
            let teacher = hire(&mut rng, "teacher", day);
            activities.push(vec![
                grade.to_string(),
                day.to_string(),
                aname.to_string(),
                teacher,
                format!("{grade}年级活动区"),
            ]);
        }
    }

    // Students and their slips.
    let mut students = Table::new(&[
        "学号",
        "姓名",
        "班级",
        "性别",
        "监护人",
        "联系电话",
        "减免",
        "备注",
    ]);
    let mut consent = Table::new(&[
        "学号",
        "姓名",
        "日期",
        "是否参加",
        "参加日",
        "时段",
        "离校方式",
        "接送人",
        "原因",
        "志愿1",
        "志愿2",
        "志愿3",
        "安全协议",
        "优先",
        "生效日期",
    ]);
    let mut leave = Table::new(&["学号", "姓名", "开始", "结束", "事由", "报告人"]);
    let mut pickups = Table::new(&["学号", "姓名", "日期", "离校方式", "接送人", "备注"]);
    let mut opted_in: Vec<String> = Vec::new();
    let groups = if shape.open_clubs { 1 } else { club_copies };
    let per_group = if shape.open_clubs {
        club_list.len()
    } else {
        CLUBS.len()
    };
    let admissible_by: Vec<Vec<Vec<&ClubSpec>>> = (0..groups)
        .map(|copy| {
            (0..=6u8)
                .map(|grade| {
                    club_list[copy * per_group..(copy + 1) * per_group]
                        .iter()
                        .filter(|(_, grades, _, _)| {
                            crate::input::parse::grades(grades).is_some_and(|g| g.contains(grade))
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    // Running totals of the popularity weights of the open clubs (every grade alike).
    let open_weights: Vec<u32> = (admissible_by[0][1].iter())
        .scan(0, |sum, c| {
            *sum += c.3;
            Some(*sum)
        })
        .collect();
    for n in 0..args.students {
        let (class, grade) = &class_names[n % class_names.len()];
        let seat = n / class_names.len() + 1;
        let k = n % class_names.len() % classes_per_grade + 1;
        let id = format!("{}{:02}{:03}", 2027 - *grade as u32, k, seat);
        let student = name(&mut rng);
        let surname: String = student.chars().take(1).collect();
        let guardian = format!("{surname}{}", rng.pick(&["爸爸", "妈妈", "奶奶", "爷爷"]));
        students.push(vec![
            id.clone(),
            student.clone(),
            class.clone(),
            rng.pick(&["男", "女"]).to_string(),
            guardian.clone(),
            phone(&mut rng),
            if rng.chance(0.02) {
                "是".into()
            } else {
                String::new()
            },
            if rng.chance(0.03) {
                rng.pick(NOTES).to_string()
            } else {
                String::new()
            },
        ]);
        if rng.chance(0.06) {
            continue; // no slip returned
        }
        let joins = rng.chance(0.80);
        let slip_date = d(9, 1) + ChronoDays::new(rng.below(4) as u64);
        // A big "school" is a district: each 1,600 students share one set of clubs.
        let admissible = &admissible_by[(n / 1600) % groups][*grade as usize];
        let slip = |rng: &mut Rng, date: NaiveDate, joins: bool, reason: &str| {
            let mut row = vec![id.clone(), student.clone(), date.to_string()];
            if !joins {
                row.extend([
                    "不参加".to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    reason.to_string(),
                ]);
                row.extend(std::iter::repeat_n(String::new(), 6));
                return row;
            }
            let days = if rng.chance(0.85) {
                "一至五"
            } else {
                *rng.pick(&["一三五", "一至四", "二四"])
            };
            let session = if rng.chance(0.1) {
                "第一时段"
            } else {
                "全程"
            };
            let pickup = if *grade >= 4 && rng.chance(0.25) {
                "自行回家"
            } else if rng.chance(0.08) {
                "校车"
            } else {
                "家长接"
            };
            let by = if pickup == "家长接" {
                guardian.clone()
            } else {
                String::new()
            };
            row.extend([
                "参加".to_string(),
                days.to_string(),
                session.to_string(),
                pickup.to_string(),
                by,
                String::new(),
            ]);
            // Ranked choices, popular clubs more often.
            let mut chosen: Vec<String> = Vec::new();
            let wanted = if shape.open_clubs {
                3
            } else if rng.chance(0.1) {
                0
            } else {
                1 + rng.below(3)
            };
            let total: u32 = match open_weights.last() {
                Some(&sum) if shape.open_clubs => sum,
                _ => admissible.iter().map(|c| c.3).sum(),
            };
            for _ in 0..wanted * 4 {
                if chosen.len() >= wanted || total == 0 {
                    break;
                }
                if shape.open_clubs {
                    // Thousands of clubs: by popularity, found by bisection.
                    let r = rng.below(total as usize) as u32;
                    let at = open_weights.partition_point(|&w| w <= r);
                    let pick = &admissible[at.min(admissible.len() - 1)].0;
                    if !chosen.contains(pick) {
                        chosen.push(pick.clone());
                    }
                    continue;
                }
                let mut r = rng.below(total as usize) as u32;
                let pick = admissible
                    .iter()
                    .find(|c| {
                        if r < c.3 {
                            true
                        } else {
                            r -= c.3;
                            false
                        }
                    })
                    .unwrap();
                if !chosen.contains(&pick.0) {
                    chosen.push(pick.0.clone());
                }
            }
            chosen.resize(3, String::new());
            row.extend(chosen);
            row.push(if rng.chance(0.97) { "是" } else { "否" }.to_string());
            row.push(if rng.chance(0.05) {
                "1".into()
            } else {
                String::new()
            });
            row.push(String::new());
            row
        };
        let roll = rng.below(100);
        let reason = rng.pick(OPT_OUT_REASONS).to_string();
        if roll < 4 {
            // Changed their mind before term.
            consent.push(slip(&mut rng, slip_date, !joins, &reason));
            consent.push(slip(
                &mut rng,
                slip_date + ChronoDays::new(3),
                joins,
                &reason,
            ));
        } else if roll < 7 && !joins {
            // A late joiner: opted out, then opted in mid-term.
            consent.push(slip(&mut rng, slip_date, false, &reason));
            let late = weekday_between(&mut rng, d(9, 21), d(11, 20));
            consent.push(slip(&mut rng, late, true, ""));
        } else if roll < 9 && joins {
            // A withdrawal mid-term.
            consent.push(slip(&mut rng, slip_date, true, ""));
            let date = weekday_between(&mut rng, d(10, 12), d(12, 11));
            let why = *rng.pick(WITHDRAW_REASONS);
            consent.push(slip(&mut rng, date, false, why));
        } else {
            // Some opt-outs forget the reason (a warning, not an error).
            let reason = if rng.chance(0.95) {
                reason
            } else {
                String::new()
            };
            consent.push(slip(&mut rng, slip_date, joins, &reason));
        }
        if joins {
            opted_in.push(id.clone());
            if rng.chance(0.12) {
                let from = weekday_between(&mut rng, d(9, 8), d(1, 15));
                let to = from + ChronoDays::new(rng.below(3) as u64);
                let reason =
                    rng.pick(&["病假:发烧", "病假:感冒", "事假:家中有事", "事假:看病复查"]);
                leave.push(vec![
                    id.clone(),
                    student.clone(),
                    from.to_string(),
                    to.to_string(),
                    reason.to_string(),
                    guardian.clone(),
                ]);
            }
            if rng.chance(0.015) {
                let date = weekday_between(&mut rng, d(9, 8), d(12, 31));
                pickups.push(vec![
                    id.clone(),
                    student.clone(),
                    date.to_string(),
                    "家长接".into(),
                    format!("{surname}{}", rng.pick(&["姑姑", "舅舅", "外婆"])),
                    "家长电话告知".into(),
                ]);
            }
        }
    }

    staff.write(out, "staff.csv")?;
    classes.write(out, "classes.csv")?;
    students.write(out, "students.csv")?;
    rooms.write(out, "rooms.csv")?;
    clubs.write(out, "clubs.csv")?;
    activities.write(out, "activities.csv")?;
    consent.write(out, "consent.csv")?;
    leave.write(out, "leave.csv")?;
    pickups.write(out, "pickup_changes.csv")?;
    let mut config = crate::cmd::init::CONFIG_EXAMPLE.replace(
        "seed = 20260907",
        &format!("seed = {}", 20260907 + shape.seed),
    );
    if shape.registers {
        // The demo keeps parent volunteers (volunteers.csv) and wants one a batch.
        config = config.replace("volunteers_per_batch = 0", "volunteers_per_batch = 1");
    }
    write(&out.join("config.toml"), config.as_bytes())?;
    if shape.registers {
        write_registers(out, &mut rng).map_err(std::io::Error::other)?;
        write_volunteers(out).map_err(std::io::Error::other)?;
        duty_records::write(out).map_err(std::io::Error::other)?;
    }
    Ok(Generated {
        classes: class_names.len(),
        opted_in: opted_in.len(),
        clubs: club_list.len(),
    })
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::output::write_atomic(path, bytes).map_err(std::io::Error::other)
}

/// A few parents helping at dismissal: two per band on set weekdays, at
/// their children's band's batch; the high grades' Friday left without one
/// (the demo's `volunteers_per_batch = 1` warns about it).
fn write_volunteers(out: &Path) -> anyhow::Result<()> {
    use crate::input::Problems;
    let mut problems = Problems::default();
    let config = crate::config::load(&out.join("config.toml"), &mut problems)?;
    let school = crate::school::School::load(&config, &mut problems);
    let mut table = Table::new(&["姓名", "电话", "学号", "班级", "星期", "放学批次", "校门"]);
    let rota = [("一三", "东门"), ("二四五", "西门")];
    for band in &config.bands {
        let mut children = school.students.iter().filter(|s| {
            config
                .band_of(school.grade_of(s))
                .is_some_and(|b| b.name == band.name)
        });
        for (k, (days, gate)) in rota.iter().enumerate() {
            let Some(child) = children.nth(k * 7) else {
                continue;
            };
            let days = match (band.grades.iter().max(), k) {
                (Some(6), 1) => "二四",
                _ => days,
            };
            table.push(vec![
                child.guardian.clone(),
                child.phone.clone(),
                child.id.clone(),
                String::new(),
                days.to_string(),
                String::new(),
                gate.to_string(),
            ]);
        }
    }
    table.write(out, "volunteers.csv")?;
    write_incidents(out, &school)?;
    Ok(())
}

/// Two lines of the care log in the week of the registers: a graze told to
/// the guardian a quarter of an hour later, and a nosebleed nobody told them
/// about (the reports flag it).
fn write_incidents(out: &Path, school: &crate::school::School) -> std::io::Result<()> {
    let mut table = Table::new(&[
        "日期",
        "时间",
        "去向",
        "学号",
        "情况",
        "处理",
        "通知家长时间",
        "通知人",
        "后续",
        "姓名",
    ]);
    let picks = [
        (
            3usize,
            "2026-09-15",
            "16:05",
            "摔倒擦伤膝盖",
            "校医消毒包扎",
            "16:20",
        ),
        (400, "2026-09-17", "16:50", "流鼻血", "冷敷止血,休息", ""),
    ];
    for (at, date, time, what, action, told) in picks {
        // A child marked present that day, in the group the register names.
        let register = std::fs::read_to_string(out.join("registers").join(format!("{date}.csv")))?;
        let Some(row) = register
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|r| r.get(5) == Some(&"到"))
            .nth(at)
        else {
            continue;
        };
        let Some(child) = school.student(row[3]) else {
            continue;
        };
        let by = if told.is_empty() {
            ""
        } else {
            "课后服务教师"
        };
        let follow = if told.is_empty() {
            ""
        } else {
            "第二天询问,已无碍"
        };
        table.push(vec![
            date.into(),
            time.into(),
            row[2].to_string(),
            child.id.clone(),
            what.into(),
            action.into(),
            told.into(),
            by.into(),
            follow.into(),
            child.name.clone(),
        ]);
    }
    table.write(out, "incidents.csv")
}

/// A plausible filled week of registers, as teachers would return them: mostly
/// present, leave as pre-marked, a few unexplained absences and early pickups,
/// a few blanks, and one register never filled in.
fn write_registers(out: &Path, rng: &mut Rng) -> anyhow::Result<()> {
    use crate::input::Problems;
    let mut problems = Problems::default();
    let config = crate::config::load(&out.join("config.toml"), &mut problems)?;
    let school = crate::school::School::load(&config, &mut problems);
    let plan = crate::plan::build(&school, &config, config.calendar.start, None).plan;
    for service in config.calendar.service_days_between(d(9, 14), d(9, 20)) {
        let date = service.date;
        let Ok(day) = crate::day::compute(&school, &config, &plan, date) else {
            continue;
        };
        let mut table = Table::new(&[
            "日期", "时段", "去向", "学号", "姓名", "状态", "时间", "备注",
        ]);
        let forgotten = rng.below(day.groups.len().max(1));
        for (g, group) in day.groups.iter().enumerate() {
            if g == forgotten && date == d(9, 16) {
                continue; // Wednesday: one register never came back
            }
            for &a in &group.members {
                let att = &day.attendees[a];
                let roll = rng.below(1000);
                let (status, time, note) = if att.leave.is_some() {
                    ("假", "", "")
                } else if roll < 15 {
                    ("缺", "", "")
                } else if roll < 35 {
                    ("早退", "16:40", "家长提前接走")
                } else if roll < 45 {
                    ("", "", "")
                } else {
                    ("到", "", "")
                };
                table.push(vec![
                    date.to_string(),
                    group.start.format("%H:%M").to_string(),
                    group.group.to_string(),
                    att.student.id.clone(),
                    att.student.name.clone(),
                    status.to_string(),
                    time.to_string(),
                    note.to_string(),
                ]);
            }
        }
        table.write(&out.join("registers"), &format!("{date}.csv"))?;
    }
    Ok(())
}
