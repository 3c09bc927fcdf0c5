-- Schema: the records behind the parts of the official annual report form that had none
-- (docs/annual-report.md "Records of the form's parts 2–5"): the counterparty's industry, where
-- achievements come from and the project register, the institution's R&D institutions,
-- transfer institutions and service platforms, and people's part-time and leave-to-found periods.
-- Never edit this file once released: add a later migration instead.

-- 国民经济行业分类 (GB/T 4754-2017): the twenty sections (门类), by letter.
CREATE TABLE industry_section (
    letter TEXT PRIMARY KEY CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'T'),
    name   TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40)
) STRICT, WITHOUT ROWID;
INSERT INTO industry_section (letter, name) VALUES
    ('A', '农、林、牧、渔业'),
    ('B', '采矿业'),
    ('C', '制造业'),
    ('D', '电力、热力、燃气及水生产和供应业'),
    ('E', '建筑业'),
    ('F', '批发和零售业'),
    ('G', '交通运输、仓储和邮政业'),
    ('H', '住宿和餐饮业'),
    ('I', '信息传输、软件和信息技术服务业'),
    ('J', '金融业'),
    ('K', '房地产业'),
    ('L', '租赁和商务服务业'),
    ('M', '科学研究和技术服务业'),
    ('N', '水利、环境和公共设施管理业'),
    ('O', '居民服务、修理和其他服务业'),
    ('P', '教育'),
    ('Q', '卫生和社会工作'),
    ('R', '文化、体育和娱乐业'),
    ('S', '公共管理、社会保障和社会组织'),
    ('T', '国际组织');

-- 所属行业门类 of a counterparty (its province is `region`, recorded since schema 1).
ALTER TABLE organization ADD COLUMN industry TEXT REFERENCES industry_section(letter);

-- 成果来源: the level of the funding an achievement came from.
ALTER TABLE achievement ADD COLUMN funding_level TEXT
    CHECK (funding_level IS NULL OR funding_level IN ('national', 'provincial', 'enterprise', 'own', 'other'));

-- 项目: the register of funded projects; national and provincial ones are fiscally funded.
CREATE TABLE project (
    id          INTEGER PRIMARY KEY,
    project_no  TEXT NOT NULL UNIQUE CHECK (length(project_no) BETWEEN 1 AND 60),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    level       TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'enterprise', 'own', 'other')),
    funding_fen INTEGER NOT NULL CHECK (funding_fen >= 0),
    approved_on TEXT NOT NULL CHECK (date(approved_on) = approved_on),
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE INDEX project_approved ON project(approved_on);

-- The achievements a project produced.
CREATE TABLE project_achievement (
    project_id     INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, achievement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_achievement_achievement ON project_achievement(achievement_id);

-- 研发机构, 技术转移机构 and 服务平台 of the institution, its own (自建) or built with a partner
-- (共建), from founding to closing (NULL: still open).
CREATE TABLE platform (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    kind       TEXT NOT NULL CHECK (kind IN ('rd_institution', 'transfer_institution', 'service_platform')),
    mode       TEXT NOT NULL CHECK (mode IN ('own', 'joint')),
    partner    TEXT CHECK (partner IS NULL OR length(partner) BETWEEN 1 AND 200),
    founded_on TEXT NOT NULL CHECK (date(founded_on) = founded_on),
    closed_on  TEXT CHECK (closed_on IS NULL OR (date(closed_on) = closed_on AND closed_on >= founded_on)),
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK ((mode = 'joint') = (partner IS NOT NULL))
) STRICT;
CREATE INDEX platform_founded ON platform(founded_on);

-- A person's period in a company: 兼职 (part-time) or 离岗创业 (on leave to found or join one),
-- from the first to the last day (NULL: still running).
CREATE TABLE outside_work (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    company   TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    kind      TEXT NOT NULL CHECK (kind IN ('part_time', 'leave_to_found')),
    from_on   TEXT NOT NULL CHECK (date(from_on) = from_on),
    to_on     TEXT CHECK (to_on IS NULL OR (date(to_on) = to_on AND to_on >= from_on)),
    version   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE INDEX outside_work_person ON outside_work(person_id);
CREATE INDEX outside_work_from ON outside_work(from_on);
