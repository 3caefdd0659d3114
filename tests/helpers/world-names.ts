// A seeded list of signatories shaped like a real international letter's: mostly Latin names with
// diacritics, and names and affiliations in Chinese, Japanese (kanji and kana), Korean, Thai (no spaces
// inside words), Arabic and Hebrew (some with vowel marks), Cyrillic, Greek and Devanagari. Used to test
// and to measure the search index; the same count always gives the same list.
import type { SearchEntry } from "../../src/view/search-index.ts";
import { random } from "./large-letter.ts";

const LATIN_FIRST = ["Anna", "Ben", "Chloé", "Dmitri", "Eva", "François", "Grete", "Hanna", "Inès", "João", "Katarzyna", "Lars", "María", "Nils", "Oğuz", "Pia", "Quentin", "Rosa", "Søren", "Tomáš", "Ulla", "Vera", "Willem", "Yusuf", "Zoë", "Ahmed", "Björn", "Chiara", "Dagmar", "Émile", "Nguyễn Thị", "Đặng Văn", "Ioana", "Łucja", "Kemal"];
const LATIN_LAST = ["Müller", "Dubois", "Janssens", "Nowak", "García", "Rossi", "Jensen", "Novák", "Peeters", "Smith", "Kowalski", "Martin", "Silva", "de Vries", "Öztürk", "Łukasiewicz", "Horváth", "O'Brien", "Papadopoulos", "Andersson", "Virtanen", "Costa", "Schmidt", "Lefèbvre", "Maes", "Wouters", "Ştefănescu", "Ivanova", "Byrne", "Fischer", "Hà", "Þórsdóttir"];
const LATIN_ORGS = ["University of Leuven", "Universidade de Lisboa", "Sorbonne Université", "ETH Zürich", "University of Oxford", "Universität Wien", "Uniwersytet Warszawski", "Universiteit Gent", "Københavns Universitet", "Stanford University", "Université libre de Bruxelles", "Universidad de Salamanca", "Digital Rights Foundation", "Open Privacy Institute"];
const TITLES = ["Professor", "Associate Professor", "Research Scholar", "Lecturer", "PhD candidate", "Postdoctoral researcher"];

const ZH_FAMILY = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "欧阳", "司马"];
const ZH_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅文斌宇浩然子涵欣怡思远嘉怡俊杰晓明";
const ZH_ORGS = ["北京大学", "清华大学", "复旦大学", "浙江大学", "香港中文大学", "國立臺灣大學", "中国科学院"];
const JA_FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本"];
const JA_GIVEN = ["太郎", "花子", "翔太", "さくら", "みどり", "ゆうき", "健一", "美咲", "大輔", "あおい", "ひかる", "陽菜", "蓮", "結衣", "ケンジ"];
const JA_ORGS = ["東京大学", "京都大学", "大阪大学", "慶應義塾大学", "早稲田大学", "情報セキュリティ研究所"];
const KO_FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const KO_GIVEN = ["민준", "서연", "지훈", "하은", "도윤", "서윤", "예준", "지우", "시우", "수아"];
const KO_ORGS = ["서울대학교", "연세대학교", "고려대학교", "카이스트"];
const TH_FIRST = ["สมชาย", "สมศักดิ์", "วิชัย", "สุนทร", "ประเสริฐ", "กัญญา", "สุดา", "มาลี", "อรุณ", "ณัฐพล", "ธนากร", "พิมพ์ชนก"];
const TH_LAST = ["ใจดี", "ศรีสุวรรณ", "สุขสวัสดิ์", "วงศ์ใหญ่", "แก้วมณี", "ทองคำ", "บุญมา", "รัตนพันธ์", "จันทร์เพ็ญ", "พรหมมา"];
const TH_ORGS = ["มหาวิทยาลัยเชียงใหม่", "จุฬาลงกรณ์มหาวิทยาลัย", "มหาวิทยาลัยธรรมศาสตร์", "มหาวิทยาลัยมหิดล", "มูลนิธิอินเทอร์เน็ตร่วมพัฒนาไทย"];
const AR_FIRST = ["محمد", "أحمد", "فاطمة", "عائشة", "عليّ", "حسن", "مَرْيَم", "يوسف", "خديجة", "عمر", "ليلى", "إبراهيم", "نور"];
const AR_LAST = ["الأحمد", "الزهراء", "العلي", "المصري", "الحسيني", "حدّاد", "الخطيب", "منصور", "الشامي", "عبد الله", "النجّار"];
const AR_ORGS = ["جامعة القاهرة", "الجامعة الأمريكية في بيروت", "جامعة الملك سعود", "مؤسسة الحقوق الرقمية"];
const HE_FIRST = ["דוד", "שרה", "יוסף", "רחל", "משה", "מִרְיָם", "אברהם", "נועה", "יעל", "אֲרִיאֵל"];
const HE_LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אֶבְרָהָם", "פרידמן", "שָׁלוֹם"];
const HE_ORGS = ["האוניברסיטה העברית בירושלים", "אוניברסיטת תל אביב", "הטכניון"];
const OTHER = ["Анна Петрова", "Дмитрий Соколов", "Ольга Кузнецова", "Δημήτρης Παπαδόπουλος", "Ελένη Γεωργίου", "अनिल शर्मा", "प्रिया पटेल", "ნინო ბერიძე"];


/** `count` signatories: about 62% Latin, 8% Chinese, 6% Japanese, 4% Korean, 6% Thai, 6% Arabic, 4% Hebrew, 4% other. */
export function worldNames(count: number, seed = 7000): SearchEntry[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const chars = (pool: string, n: number) => Array.from({ length: n }, () => pick([...pool])).join("");
  const role = (orgs: readonly string[]) => (rand() < 0.7 ? `${rand() < 0.5 ? `${pick(TITLES)}, ` : ""}${pick(orgs)}` : undefined);
  const kinds: [number, () => SearchEntry][] = [
    [0.62, () => ({ name: `${pick(LATIN_FIRST)} ${rand() < 0.3 ? `${String.fromCharCode(65 + Math.floor(rand() * 26))}. ` : ""}${pick(LATIN_LAST)}`, role: role(LATIN_ORGS) })],
    [0.08, () => ({ name: `${pick(ZH_FAMILY)}${chars(ZH_GIVEN, 1 + Math.floor(rand() * 2))}`, role: role(ZH_ORGS) })],
    [0.06, () => ({ name: `${pick(JA_FAMILY)}${rand() < 0.2 ? " " : ""}${pick(JA_GIVEN)}`, role: role(JA_ORGS) })],
    [0.04, () => ({ name: `${pick(KO_FAMILY)}${pick(KO_GIVEN)}`, role: role(KO_ORGS) })],
    [0.06, () => ({ name: `${pick(TH_FIRST)} ${pick(TH_LAST)}`, role: role(TH_ORGS) })],
    [0.06, () => ({ name: `${pick(AR_FIRST)} ${pick(AR_LAST)}`, role: role(AR_ORGS) })],
    [0.04, () => ({ name: `${pick(HE_FIRST)} ${pick(HE_LAST)}`, role: role(HE_ORGS) })],
    [0.04, () => ({ name: pick(OTHER), role: role(LATIN_ORGS) })],
  ];
  return Array.from({ length: count }, () => {
    let r = rand();
    for (const [share, make] of kinds) {
      if ((r -= share) < 0) return make();
    }
    return kinds[0]![1]();
  });
}
