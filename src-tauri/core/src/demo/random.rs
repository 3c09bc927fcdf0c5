//! The seeded generator of the demo data and what it makes: names, identifiers with valid check
//! characters, inventor shares. The same seed gives the same data on every platform.

use crate::model::AchievementKind as K;
use chrono::{Datelike, Duration, NaiveDate};

/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives the same data.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(super) fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        from + Duration::days(self.range(0, (to - from).num_days()))
    }
}

pub(super) const INSTITUTION: &str = "西川理工大学";
pub(super) const PROVINCE: &str = "四川省";

pub(super) const DEPARTMENTS: &[&str] =
    &["计算机学院", "机械工程学院", "材料科学与工程学院", "化学化工学院", "电气工程学院", "生命科学学院"];
pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋",
    "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];
pub(super) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "志强", "晓东",
    "海燕", "文博", "子涵", "雨桐", "思远", "一鸣", "嘉怡", "浩然", "欣怡",
];

/// Title fragments by department: a technique and an object, as real filings combine them.
pub(super) const TECHNIQUES: &[&[&str]] = &[
    &["深度学习", "联邦学习", "知识图谱", "边缘计算", "区块链", "图神经网络"],
    &["多轴联动", "自适应控制", "激光熔覆", "柔性夹持", "数字孪生", "振动抑制"],
    &["纳米复合", "高熵合金", "梯度涂层", "石墨烯改性", "3D打印", "低温烧结"],
    &["绿色催化", "膜分离", "超临界萃取", "连续流合成", "电化学", "分子筛"],
    &["宽禁带半导体", "储能变流", "无线充电", "故障诊断", "微电网", "高压直流"],
    &["基因编辑", "单细胞测序", "微生物发酵", "抗体筛选", "植物组培", "酶固定化"],
];
pub(super) const OBJECTS: &[&[&str]] = &[
    &["图像识别方法", "数据加密系统", "推荐算法", "入侵检测装置", "调度平台", "语音合成方法"],
    &["数控机床", "机器人关节", "齿轮箱", "减速器", "装配生产线", "检测工装"],
    &["锂电池正极材料", "耐磨涂层", "复合板材", "陶瓷刀具", "导热薄膜", "合金焊丝"],
    &["催化剂及其制备方法", "废水处理工艺", "聚合物", "香料提取工艺", "反应装置", "吸附剂"],
    &["逆变器", "电池管理系统", "充电桩", "变压器监测装置", "配电终端", "电机驱动器"],
    &["检测试剂盒", "疫苗佐剂", "菌株", "水稻新品种", "发酵工艺", "细胞培养基"],
];
pub(super) const ORG_PREFIX: &[&str] = &[
    "蜀新", "天府", "锦江", "华西", "长江", "东方", "博远", "中科", "智联", "恒泰", "瑞丰", "宏达", "汇川", "星河", "远景", "金石", "同创",
    "海川", "安信", "万里",
];
pub(super) const ORG_FIELD: &[&str] = &["科技", "智能装备", "新材料", "生物医药", "电气", "化工", "信息技术", "精密机械"];
pub(super) const REGIONS: &[&str] =
    &["四川省", "四川省", "四川省", "四川省", "重庆市", "北京市", "上海市", "广东省", "浙江省", "江苏省", "陕西省", "境外"];

pub(super) fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

pub(super) fn id_number(rng: &mut Rng, birth: NaiveDate) -> String {
    let area = *rng.pick(&["510104", "510105", "510107", "510108", "510112", "500103"]);
    let body = format!("{area}{}{:03}", birth.format("%Y%m%d"), rng.range(1, 999));
    let check = crate::ident::id_number_check(&body).unwrap_or('0');
    format!("{body}{check}")
}

pub(super) fn credit_code(rng: &mut Rng) -> String {
    let chars = "0123456789ABCDEFGHJKLMNPQRTUWXY".as_bytes();
    let mut body = String::from("91510100");
    for _ in 0..9 {
        body.push(chars[rng.below(31) as usize] as char);
    }
    let check = crate::ident::credit_code_check(&body).unwrap_or('0');
    format!("{body}{check}")
}

pub(super) fn application_no(kind: K, filed: NaiveDate, serial: u32) -> String {
    let type_digit = match kind {
        K::InventionPatent => 1,
        K::UtilityModel => 2,
        _ => 3,
    };
    let body = format!("{}{}{:07}", filed.year(), type_digit, serial);
    let check = crate::ident::application_no_check(&body).unwrap_or('0');
    format!("{body}.{check}")
}

/// Shares that sum to 100%: multiples of 5%, the first inventor the largest.
pub(super) fn shares(rng: &mut Rng, n: usize) -> Vec<i64> {
    if n == 1 {
        return vec![10_000];
    }
    let mut units: Vec<i64> = vec![1; n];
    for _ in 0..(20 - n) {
        let i = if rng.chance(45) { 0 } else { rng.below(n as u64) as usize };
        units[i] += 1;
    }
    units.sort_unstable_by(|a, b| b.cmp(a));
    units.into_iter().map(|u| u * 500).collect()
}
