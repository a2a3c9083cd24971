/**
 * Traditional Chinese read as simplified: "網站", "騰訊雲 首爾", "節省計劃" become "网站", "腾讯云 首尔", "节省计划", so
 * every word list (intents/*.yaml, the lexicon, the catalogue's names) is matched once, in one script. Character for
 * character, so positions in the text stay where they were. Only characters that have one simplified form are mapped.
 * The question itself is first read through the lexicon's `traditional` table (traditional.ts); this table is applied
 * after it (normalise) and to the word lists themselves, so a pattern or name written in traditional matches too.
 */

/** Traditional characters, and at the same index the simplified ones. */
const TRADITIONAL =
  '雲騰訊華為東區國際機臺兩個張萬億網據數庫倉務點時費價買賣儲備練訓類調與還這麼嗎沒開發測試環離線處歸檔電場戶資問題應該們對' +
  '於從來樣說請給長間門關頭實現體歐韓灣廣蘭爾達馬亞紐約倫蘇聖羅傑烏貴陽寧內鄉鎮義陸島邊層級規範標準協議續簽條額總計劃單筆錢' +
  '貨幣匯稅優讓減漲檢評預報項組織構設參選擇較帶寬進傳輸載連遲穩災難復鏡節負彈擴縮虛擬專屬獨雙記憶顯態盤塊碼證書權賬號認審監' +
  '誌誤錯運維營銷購採競爭搶佔牆護隱遷轉換統帳種裡裏後幾夠須讀寫語詞彙響鐘週曆歷經驗養閱遠絡貼鏈結佈啟啓動閉餘廠邏輯則財銀險' +
  '醫療學習視頻遊戲車輛導圖識別譯頁產質適飛閘鑰鎖兌確慮決錄償補幫謝談舊紀儘盡擁壓緩衝異靈雜複製係繫鬆緊閒閑頂樓戰當憑賴譜細' +
  '紙麗豐歲蓋辦縣廳廈濟鄭瀋矽聯岡僅兒冊凍勞勢卻厲員嚴團圍園圓壞夢寶將尋屆嶺師幹強徑徵拋掃擊擾攝斷暫會極歡殘氣湧滅滿潛無熱燈' +
  '獲畫礙禮積簡籌紅純終綠編績繼聞聲聽職腦葉裝見親覺覽觀訂討訪許訴詳話諮論講變責軟輕過郵釋鑑闆隨雖靜領顧風黃齊龍傭僱勝夥閃陳' +
  '鐵蘋纔並誰妳噸緣貸賺虧隊陣鋪廢棄錶鍵鬧穫槓櫃欄殺溝滾爛狀猶獻瑪畢盜眾礎稱穀窩築簾糧緒縱繳罰聳脈腳臉艙莊蔣藝蘊蟲術衛襪訝詢' +
  '誠諾謀謹豬貓貝貢貪貫販貧貿賀賓賞賢賠賦贊趨蹤躍軍軌輔輪轄辭遞遺邁醜釘針鈔鈴銅鋼錦鍋鏟鑽閣闊闖陰隸雞頒頓頸顆顏願颱飯飲飽餅' +
  '館駐駕騎驅驚鬥魚鳥鹽麥齡';
const SIMPLIFIED =
  '云腾讯华为东区国际机台两个张万亿网据数库仓务点时费价买卖储备练训类调与还这么吗没开发测试环离线处归档电场户资问题应该们对' +
  '于从来样说请给长间门关头实现体欧韩湾广兰尔达马亚纽约伦苏圣罗杰乌贵阳宁内乡镇义陆岛边层级规范标准协议续签条额总计划单笔钱' +
  '货币汇税优让减涨检评预报项组织构设参选择较带宽进传输载连迟稳灾难复镜节负弹扩缩虚拟专属独双记忆显态盘块码证书权账号认审监' +
  '志误错运维营销购采竞争抢占墙护隐迁转换统帐种里里后几够须读写语词汇响钟周历历经验养阅远络贴链结布启启动闭余厂逻辑则财银险' +
  '医疗学习视频游戏车辆导图识别译页产质适飞闸钥锁兑确虑决录偿补帮谢谈旧纪尽尽拥压缓冲异灵杂复制系系松紧闲闲顶楼战当凭赖谱细' +
  '纸丽丰岁盖办县厅厦济郑沈硅联冈仅儿册冻劳势却厉员严团围园圆坏梦宝将寻届岭师干强径征抛扫击扰摄断暂会极欢残气涌灭满潜无热灯' +
  '获画碍礼积简筹红纯终绿编绩继闻声听职脑叶装见亲觉览观订讨访许诉详话咨论讲变责软轻过邮释鉴板随虽静领顾风黄齐龙佣雇胜伙闪陈' +
  '铁苹才并谁你吨缘贷赚亏队阵铺废弃表键闹获杠柜栏杀沟滚烂状犹献玛毕盗众础称谷窝筑帘粮绪纵缴罚耸脉脚脸舱庄蒋艺蕴虫术卫袜讶询' +
  '诚诺谋谨猪猫贝贡贪贯贩贫贸贺宾赏贤赔赋赞趋踪跃军轨辅轮辖辞递遗迈丑钉针钞铃铜钢锦锅铲钻阁阔闯阴隶鸡颁顿颈颗颜愿台饭饮饱饼' +
  '馆驻驾骑驱惊斗鱼鸟盐麦龄';

const simplified = [...SIMPLIFIED];
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((c, i) => [c, simplified[i] as string]));
const ANY_TRADITIONAL = new RegExp(`[${TRADITIONAL}]`, 'gu');

/**
 * Words Taiwan and Hong Kong write differently, as the mainland words the word lists use: "記憶體" is 内存, "硬碟" 硬盘,
 * "執行個體" 实例, "隨用隨付" 按量付费. Matched once the characters are simplified (a question may come here already
 * simplified character by character); padded with spaces where the mainland word is shorter, so positions stay where
 * they were.
 */
const REGIONAL_WORDS: [string, string][] = [
  ['记忆体', '内存'],
  ['硬碟', '硬盘'],
  ['磁碟', '磁盘'],
  ['伺服器', '服务器'],
  ['频宽', '带宽'],
  ['网路', '网络'],
  ['资料库', '数据库'],
  ['资料中心', '数据中心'],
  ['执行个体', '实例'],
  ['随用随付', '按量付费'],
  ['年缴', '年付'],
  ['月缴', '月付'],
  ['推论', '推理'],
  ['物件储存', '对象存储'],
  ['丛集', '集群'],
  ['负载平衡', '负载均衡'],
  ['软体', '软件'],
  ['硬体', '硬件'],
  ['影片', '视频'],
  ['视讯', '视频'],
];
const REGIONAL = new Map(REGIONAL_WORDS.map(([tw, cn]) => [tw, cn.padEnd(tw.length, ' ')]));
const ANY_REGIONAL = new RegExp([...REGIONAL.keys()].sort((a, b) => b.length - a.length).join('|'), 'gu');

export function toSimplified(text: string): string {
  return text
    .replace(ANY_TRADITIONAL, (c) => TO_SIMPLIFIED.get(c) ?? c)
    .replace(ANY_REGIONAL, (w) => REGIONAL.get(w) ?? w);
}
