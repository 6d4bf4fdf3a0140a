"""Issue 19: the legal windows corrected after the law review of 2026-12-04, with the
article's key sentence quoted and where it was taken from; and the agents' likely
objections with the replies (Pushback).

Checked against public pages quoting the laws (named in quote_from), not against the
official gazette: the confidence says so. Operators correct both in the admin afterwards.
"""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 12, 4)
LAW = "《消费者权益保护法》"
LAW_EN = "Consumer Rights Protection Law"
SANBAO_RULES = "《部分商品修理更换退货责任规定》"
SANBAO_RULES_EN = "Provisions on Repair, Replacement and Return of Certain Goods (三包)"
REGS = "《消费者权益保护法实施条例》"
REGS_EN = "Regulations implementing the Consumer Rights Protection Law (2024)"
MEASURES = "《网络购买商品七日无理由退货暂行办法》"
MEASURES_EN = "Interim Measures on 7-Day Returns of Goods Bought Online"

ART24 = (
    "没有国家规定和当事人约定的，消费者可以自收到商品之日起七日内退货；七日后符合法定解除"
    "合同条件的，消费者可以及时退货，不符合法定解除合同条件的，可以要求经营者履行更换、修理"
    "等义务。……依照前款规定进行退货、更换、修理的，经营者应当承担运输等必要费用。"
)
ART24_FROM = "消法第二十四条，转引自 bcrsw.com、zbeen.com（法律评审 2026-12-04 第1、10行）"
SANBAO_START = (
    "有效期限自经营者向消费者交付商品或者提供服务完结之日起计算，需要经营者另行安装的商品，"
    "有效期限自商品安装完成之日起计算……经营者修理的时间不计入上述有效期限"
)
SANBAO_START_FROM = "实施条例第十八条，转引自 gwgpac.org（中国政府网转载）"

WINDOWS = [
    {
        "key": "sanbao_return",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：7日内退货",
        "name_en": "Three guarantees: return within 7 days",
        "days": 7,
        "outcomes": "return_refund,exchange,repair",
        "goods": "sanbao",
        "conditions": "列入三包目录的商品（如电视、冰箱、空调、手机、电脑，有三包凭证）"
        "出现性能故障，7日内可以选择退货、换货或修理；退货按发票价格一次退清货款。"
        "从签收之日算；需要商家安装的，从安装完成之日算。",
        "conditions_en": "Goods in a three-guarantees catalogue (TVs, fridges, "
        "air conditioners, phones, computers, with a 三包 certificate) with a "
        "performance fault within 7 days: return, exchange or repair, the shopper's choice; a "
        "return is refunded at the invoice price. Counted from receipt, or from installation "
        "where the seller installs the goods.",
        "quote": "产品自售出之日起7日内，发生性能故障，消费者可以选择退货、换货或修理。退货时，"
        "销售者应当按发票价格一次退清货款。／" + SANBAO_START,
        "quote_from": "三包第九条，转引自 wpdyw.com、crsrw.com；" + SANBAO_START_FROM,
        "source": f"{SANBAO_RULES}第九条；{REGS}第十八条",
        "source_en": f"{SANBAO_RULES_EN}, art. 9; {REGS_EN}, art. 18",
    },
    {
        "key": "sanbao_exchange",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：15日内换货",
        "name_en": "Three guarantees: exchange within 15 days",
        "days": 15,
        "outcomes": "exchange,repair",
        "goods": "sanbao",
        "conditions": "出现性能故障，15日内可以选择换货或修理；换货时免费调换同型号同规格的产品。"
        "从签收之日算；需要商家安装的，从安装完成之日算。",
        "conditions_en": "A performance fault within 15 days: exchange or repair, the "
        "shopper's choice; an exchange is the same model and specification, free of charge. "
        "Counted from receipt, or from installation where the seller installs the goods.",
        "quote": "产品自售出之日起15日内，发生性能故障，消费者可以选择换货或者修理。换货时，"
        "销售者应当免费为消费者调换同型号同规格的产品",
        "quote_from": "三包第十条，转引自 wpdyw.com、crsrw.com",
        "source": f"{SANBAO_RULES}第十条；{REGS}第十八条",
        "source_en": f"{SANBAO_RULES_EN}, art. 10; {REGS_EN}, art. 18",
    },
    {
        "key": "sanbao_repair",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：保修期内修理",
        "name_en": "Three guarantees: repair within the warranty",
        "days": None,
        "outcomes": "repair",
        "goods": "sanbao",
        "condition": "仍在三包有效期内（看保修卡，从签收或安装完成之日算，修理占用的时间不算）",
        "condition_en": "it is still within the 三包 period (see the warranty card; counted "
        "from receipt or installation, repair time not counted)",
        "conditions": "三包有效期内出现性能故障，可以免费修理。有效期按商品不同（看保修卡或三包"
        "凭证），从签收之日算，需要商家安装的从安装完成之日算，修理占用的时间不计入。",
        "conditions_en": "Within the 三包 period a performance fault is repaired free of "
        "charge. The period depends on the goods (see the warranty card); it runs from receipt, "
        "or from installation where the seller installs, and repair time does not count.",
        "quote": SANBAO_START,
        "quote_from": SANBAO_START_FROM,
        "source": f"{SANBAO_RULES}；{REGS}第十八条",
        "source_en": f"{SANBAO_RULES_EN}; {REGS_EN}, art. 18",
    },
    {
        "key": "sanbao_after_repairs",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：修理两次仍不能用",
        "name_en": "Three guarantees: still broken after two repairs",
        "days": None,
        "min_repairs": 2,
        "outcomes": "exchange,return_refund",
        "goods": "sanbao",
        "condition": "还在三包有效期内，而且修理两次后仍不能正常使用（凭修理记录）",
        "condition_en": "it is still within the 三包 period and two repairs have not made it "
        "work (with the repair records)",
        "conditions": "三包有效期内修理两次仍不能正常使用的，凭修理记录和证明，免费调换同型号"
        "同规格的产品，或者退货。",
        "conditions_en": "Within the 三包 period, goods that still do not work after two repairs "
        "are exchanged for the same model free of charge or returned, on the repair records.",
        "quote": "在三包有效期内，修理两次，仍不能正常使用的产品，凭修理者提供的修理记录和证明，"
        "由销售者负责为消费者免费调换同型号同规格的产品或者按本规定第十三条的规定退货",
        "quote_from": "三包第十一条，转引自 crsrw.com（法律评审第17行）",
        "source": f"{SANBAO_RULES}第十一条",
        "source_en": f"{SANBAO_RULES_EN}, art. 11",
    },
    {
        "key": "quality_return",
        "basis": "消费者权益保护法第二十四条",
        "rule": "quality",
        "name": "质量问题：7日内退货",
        "name_en": "Quality problem: return within 7 days",
        "days": 7,
        "outcomes": "return_refund,exchange,repair",
        "conditions": "商品不符合质量要求（故障、运输破损、与描述不符、变质），又没有国家规定和"
        "约定时，自收到商品之日起7日内可以退货，也可以要求换货或修理；运输等必要费用由经营者"
        "承担。三包商品的性能故障按三包规定。",
        "conditions_en": "Goods that fail the quality requirements (a fault, transit damage, "
        "not as described, spoiled), where no national rule or agreement applies: return "
        "within 7 days of receipt, or exchange or repair; the seller bears the transport and "
        "other necessary costs. A performance fault of 三包 goods follows 三包.",
        "quote": ART24,
        "quote_from": ART24_FROM,
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "quality_return_late",
        "basis": "消费者权益保护法第二十四条",
        "rule": "quality",
        "name": "质量问题：7日后退货",
        "name_en": "Quality problem: return after 7 days",
        "days": None,
        "outcomes": "return_refund",
        "condition": "商品无法正常使用、达不到购买目的（符合法定解除合同条件），并且及时提出",
        "condition_en": "the goods cannot be used for their purpose (the legal conditions for "
        "ending the contract are met) and you ask promptly",
        "conditions": "7日后，符合法定解除合同条件的（例如商品无法正常使用、达不到购买目的），"
        "仍然可以及时退货；运输等必要费用由经营者承担。",
        "conditions_en": "After 7 days a return still stands where the contract can be ended "
        "(the goods cannot be used for their purpose), asked promptly; the seller bears the "
        "transport costs.",
        "quote": ART24,
        "quote_from": ART24_FROM + "；法定解除条件见民法典第五百六十三条（未核对原文）",
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "quality_repair",
        "basis": "消费者权益保护法第二十四条",
        "rule": "quality",
        "name": "质量问题：换货或修理",
        "name_en": "Quality problem: exchange or repair",
        "days": None,
        "outcomes": "exchange,repair",
        "condition": "在合理期限内提出（一般最迟是签收后2年；有质量保证期的按保证期）",
        "condition_en": "you raise it within a reasonable time (usually at most 2 years "
        "after receipt, or the quality guarantee period where there is one)",
        "conditions": "7日后，不符合法定解除合同条件的，可以要求经营者换货、修理；运输等必要"
        "费用由经营者承担。质量异议要在合理期限内提出。",
        "conditions_en": "After 7 days, where the contract cannot be ended, the seller must "
        "exchange or repair; it bears the transport costs. Raise the defect within a "
        "reasonable time.",
        "quote": ART24,
        "quote_from": ART24_FROM + "；合理期限、2年见民法典第六百二十一条（未核对原文）",
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "seven_day",
        "basis": "七日无理由退货",
        "rule": "seven_day",
        "name": "七日无理由退货",
        "name_en": "7-day return without a reason",
        "days": 7,
        "outcomes": "return_refund",
        "excluded_goods": "fresh,custom,digital,periodical",
        "conditions": "网购商品自签收次日起7日内可以退货，不需要说明理由，商品应当完好。"
        "为查验打开包装、为确认品质和功能合理调试，不影响商品完好。"
        "定做的、鲜活易腐的、已下载或已拆封的数字商品、报纸期刊不适用；其他商品只有按性质不宜"
        "退货并且购买时经你确认的才不适用，商家不能自行扩大范围。"
        "商家自收到退回商品之日起7日内退款；退货运费一般由消费者承担。",
        "conditions_en": "Goods bought online may be returned within 7 days, counted from the "
        "day after receipt, without a reason, in good condition. Opening the package to "
        "inspect, or reasonable trying to check quality and function, does not spoil the "
        "condition. Excluded: custom-made goods, fresh and perishable goods, digital goods "
        "downloaded or unsealed, newspapers and periodicals; other goods only where their "
        "nature makes them unsuitable and you confirmed it at purchase: a shop may not widen "
        "the list. The seller refunds within 7 days of receiving the return; the shopper "
        "usually pays the return shipping.",
        "quote": "经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起"
        "七日内退货，且无需说明理由……其他根据商品性质并经消费者在购买时确认不宜退货的商品，"
        "不适用无理由退货。／七日期间自消费者签收商品的次日开始起算。／消费者基于查验需要而"
        "打开商品包装，或者为确认商品的品质、功能而进行合理的调试不影响商品的完好。",
        "quote_from": "消法第二十五条，转引自 64365.com、falubang.com；暂行办法，转引自 "
        "jipiyun.cn、jiangsu.gov.cn",
        "source": f"{LAW}第二十五条；{MEASURES}",
        "source_en": f"{LAW_EN}, art. 25; {MEASURES_EN}",
    },
    {
        "key": "fraud",
        "basis": "消费者权益保护法第五十五条",
        "rule": "fraud",
        "name": "欺诈：退一赔三",
        "name_en": "Fraud: three times the price",
        "days": None,
        "outcomes": "fraud_triple",
        "needs_evidence": True,
        "condition": "能证明商家欺诈（故意虚假宣传或隐瞒真实情况，例如卖假货）",
        "condition_en": "you can prove the seller committed fraud (knowingly misstated or hid "
        "facts, such as selling counterfeits)",
        "conditions": "经营者有欺诈行为时，除了退货退款，还可以要求赔偿商品价款的三倍，不足500元"
        "的按500元。只是与描述不符不一定是欺诈；必须有证据，是否赔偿由商家、调解或法院认定，"
        "不是承诺。",
        "conditions_en": "Where the seller committed fraud, besides the refund, three times the "
        "price may be claimed, at least 500 yuan. Goods not as described are not fraud by "
        "themselves; only with evidence; the seller, a mediator or a court decides.",
        "quote": "经营者提供商品或者服务有欺诈行为的，应当按照消费者的要求增加赔偿其受到的损失，"
        "增加赔偿的金额为消费者购买商品的价款或者接受服务的费用的三倍；增加赔偿的金额不足五百元"
        "的，为五百元。法律另有规定的，依照其规定。",
        "quote_from": "消法第五十五条第一款，转引自 cuoac.com",
        "source": f"{LAW}第五十五条",
        "source_en": f"{LAW_EN}, art. 55",
    },
    {
        "key": "food_safety",
        "basis": "食品安全法第一百四十八条",
        "rule": "food",
        "name": "食品安全：十倍赔偿",
        "name_en": "Food safety: ten times the price",
        "days": None,
        "outcomes": "food_tenfold,refund_only",
        "needs_evidence": True,
        "condition": "食品不符合食品安全标准（例如变质、过期），而卖家明知或者是生产者生产的",
        "condition_en": "the food falls below the food-safety standards (spoiled, expired…) "
        "and the seller knew it, or the producer made it",
        "conditions": "除了赔偿损失，还可以要求价款十倍或者损失三倍的赔偿金，不足1000元的按1000元；"
        "你先找的经营者（卖家或生产者）应当先行赔付，不得推诿。标签瑕疵不影响食品安全、也不误导"
        "的除外。要凭证据提出，不是承诺。",
        "conditions_en": "Besides the losses, ten times the price or three times the loss, at "
        "least 1,000 yuan; the first business asked (seller or producer) must pay first and "
        "may not pass you on. Not for label flaws that neither affect safety nor mislead. "
        "Only with evidence; not a promise.",
        "quote": "生产不符合食品安全标准的食品或者经营明知是不符合食品安全标准的食品，消费者除要求"
        "赔偿损失外，还可以向生产者或者经营者要求支付价款十倍或者损失三倍的赔偿金；增加赔偿的"
        "金额不足一千元的，为一千元。",
        "quote_from": "食品安全法第一百四十八条第二款，转引自 m.51dongshi.net、crsrw.com；"
        "首负责任（先行赔付）见同条第一款（未核对原文）",
        "source": "《食品安全法》第一百四十八条",
        "source_en": "Food Safety Law, art. 148",
    },
    {
        "key": "prepaid_refund",
        "basis": "消费者权益保护法第五十三条",
        "rule": "prepaid",
        "name": "付了款不发货：退款加利息",
        "name_en": "Paid but not shipped: refund with interest",
        "days": None,
        "outcomes": "ship_now,cancel_refund",
        "condition": "你已经付款，商家没有按约定发货",
        "condition_en": "you have paid and the shop did not ship as agreed",
        "conditions": "以预收款方式提供商品的，应当按照约定提供；未按照约定提供的，应当按照你的"
        "要求发货或者退回预付款，并承担预付款的利息和你必须支付的合理费用。",
        "conditions_en": "A shop paid in advance must deliver as agreed; where it does not, "
        "it must ship or refund the prepayment as you choose, with interest and your "
        "reasonable costs.",
        "quote": "经营者以预收款方式提供商品或者服务的，应当按照约定提供。未按照约定提供的，应当"
        "按照消费者的要求履行约定或者退回预付款；并应当承担预付款的利息、消费者必须支付的合理"
        "费用。",
        "quote_from": "消法第五十三条（法律评审第22行，凭记忆，未核对原文）",
        "source": f"{LAW}第五十三条",
        "source_en": f"{LAW_EN}, art. 53",
    },
]

PUSHBACKS = [
    {
        "key": "opened_package",
        "windows": "seven_day",
        "needs": "always",
        "objection": "已经拆封了，不能退",
        "objection_en": "It has been opened, so it cannot be returned",
        "reply": "为了查验打开包装、为确认品质和功能做合理调试，不影响商品完好；商品本身、配件、"
        "商标标识齐全，就可以七天无理由退货。",
        "reply_en": "Opening the package to inspect it, or reasonable trying to check its "
        "quality and function, does not spoil its condition; with the item, accessories and "
        "labels complete, the 7-day return stands.",
        "quote": "商品能够保持原有品质、功能，商品本身、配件、商标标识齐全的，视为商品完好。"
        "消费者基于查验需要而打开商品包装，或者为确认商品的品质、功能而进行合理的调试不影响"
        "商品的完好。",
        "quote_from": "jiangsu.gov.cn（暂行办法关于“完好”的条文）",
        "source": f"{MEASURES}（商品完好）",
        "source_en": f"{MEASURES_EN} (good condition)",
    },
    {
        "key": "past_seven_days_holiday",
        "windows": "seven_day,quality_return,sanbao_return,sanbao_exchange",
        "needs": "rolled_over",
        "objection": "已经超过七天了",
        "objection_en": "It is past seven days",
        "reply": "期限的最后一天是周末或法定节假日，按民法典第二百零三条顺延到休假日结束的次日，"
        "今天还在期限内。",
        "reply_en": "The last day fell on a weekend or public holiday; under 民法典 art. 203 it "
        "moves to the day after the holiday, so today is still within the period.",
        "quote": "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。",
        "quote_from": "民法典第二百零三条，转引自 neixun.cn、en.91xjr.com",
        "source": "《民法典》第二百零三条",
        "source_en": "Civil Code, art. 203",
    },
    {
        "key": "past_seven_days_quality",
        "windows": "quality_return_late",
        "needs": "always",
        "objection": "超过七天了，只能修",
        "objection_en": "It is past seven days, we can only repair it",
        "reply": "质量问题七天后，商品无法正常使用、达不到购买目的的，仍然可以退货，运费由商家"
        "承担（消费者权益保护法第二十四条）。",
        "reply_en": "After seven days a quality problem that makes the goods unusable for their "
        "purpose still allows a return, the seller paying transport (消法 art. 24).",
        "quote": "七日后符合法定解除合同条件的，消费者可以及时退货",
        "quote_from": ART24_FROM,
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "shop_label",
        "windows": "seven_day",
        "needs": "shop_label",
        "objection": "这个商品不支持七天无理由",
        "objection_en": "This item does not support 7-day returns",
        "reply": "只有按商品性质不宜退货、而且我购买时确认过的商品才不适用；没有确认，商家不能拒绝"
        "七天无理由退货，也不能自己扩大不适用的范围。",
        "reply_en": "Only goods unsuitable by their nature, and confirmed by me at purchase, are "
        "excluded; without that confirmation the seller may not refuse, nor widen the list.",
        "quote": "其他根据商品性质并经消费者在购买时确认不宜退货的商品，不适用无理由退货。／"
        "如无确认，网络商品销售者不得拒绝七日无理由退货。",
        "quote_from": "消法第二十五条，转引自 64365.com；暂行办法（确认程序），转引自 "
        "jipiyun.cn、kyjzy.com",
        "source": f"{LAW}第二十五条；{MEASURES}；{REGS}第十九条",
        "source_en": f"{LAW_EN}, art. 25; {MEASURES_EN}; {REGS_EN}, art. 19",
    },
    {
        "key": "seller_pays_transport",
        "windows": "quality_return,quality_return_late,quality_repair",
        "needs": "always",
        "objection": "退回来的运费你自己出",
        "objection_en": "You pay the return shipping",
        "reply": "这是质量问题，退货、换货、修理的运输等必要费用由经营者承担（消费者权益保护法"
        "第二十四条）。",
        "reply_en": "This is a quality problem: the seller bears the transport and other "
        "necessary costs of a return, exchange or repair (消法 art. 24).",
        "quote": "依照前款规定进行退货、更换、修理的，经营者应当承担运输等必要费用。",
        "quote_from": ART24_FROM,
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "contact_the_shop",
        "windows": "seven_day,quality_return,quality_return_late,quality_repair,"
        "sanbao_return,sanbao_exchange,sanbao_repair,sanbao_after_repairs,fraud,food_safety",
        "needs": "third_party",
        "objection": "请联系商家",
        "objection_en": "Please contact the shop",
        "reply": "商家不处理。京东作为平台，要提供这家店铺的真实名称、地址和有效联系方式；提供不了"
        "的，我可以直接要求京东赔偿（消费者权益保护法第四十四条）。",
        "reply_en": "The shop does not act. As the platform, JD must give the shop's real "
        "name, address and contact details; if it cannot, I may claim from JD directly "
        "(消法 art. 44).",
        "quote": "网络交易平台提供者不能提供销售者或者服务者的真实名称、地址和有效联系方式的，"
        "消费者也可以向网络交易平台提供者要求赔偿",
        "quote_from": "消法第四十四条第一款，转引自 m.fbs.qq.com",
        "source": f"{LAW}第四十四条；《电子商务法》第三十八条",
        "source_en": f"{LAW_EN}, art. 44; E-Commerce Law, art. 38",
    },
    {
        "key": "wait_for_review",
        "windows": "seven_day,quality_return,sanbao_return,sanbao_exchange",
        "needs": "dated",
        "objection": "需要等审核",
        "objection_en": "It has to wait for review",
        "reply": "可以审核，但我今天已经在期限内提出了，请把申请时间记下来；审核时间不应让我过了"
        "期限。",
        "reply_en": "You may review it, but I am asking today, within the period: please "
        "record the time of my request; the review must not make me miss the deadline.",
        "quote": "应当自收到商品之日起七日内向其发出退货通知。七日期间自消费者签收商品的次日"
        "开始起算。",
        "quote_from": "暂行办法，转引自 jipiyun.cn（法律评审第6行）",
        "source": MEASURES,
        "source_en": MEASURES_EN,
    },
    {
        "key": "enterprise_order",
        "windows": "seven_day,quality_return,quality_return_late,quality_repair",
        "needs": "consumer",
        "objection": "这是企业订单，不能按个人处理",
        "objection_en": "This is a company order, not a personal one",
        "reply": "我是为个人生活消费买的，开什么发票不改变这一点，受消费者权益保护法保护。",
        "reply_en": "I bought it for my own personal use; the kind of invoice does not change "
        "that, and the Consumer Rights Protection Law applies.",
        "quote": "消费者为生活消费需要购买、使用商品或者接受服务，其权益受本法保护",
        "quote_from": "消法第二条（法律评审第18行，凭记忆，未核对原文）",
        "source": f"{LAW}第二条",
        "source_en": f"{LAW_EN}, art. 2",
    },
    {
        "key": "repaired_again",
        "windows": "sanbao_after_repairs",
        "needs": "always",
        "objection": "再修一次就好了",
        "objection_en": "We will repair it once more",
        "reply": "三包期内已经修过两次还不能正常用，凭修理记录，我要求免费换同型号的或者退货"
        "（三包第十一条）。",
        "reply_en": "It has been repaired twice within the 三包 period and still does not work; "
        "on the repair records I ask for the same model free of charge or a return "
        "(三包 art. 11).",
        "quote": "在三包有效期内，修理两次，仍不能正常使用的产品，凭修理者提供的修理记录和证明，"
        "由销售者负责为消费者免费调换同型号同规格的产品或者按本规定第十三条的规定退货",
        "quote_from": "三包第十一条，转引自 crsrw.com",
        "source": f"{SANBAO_RULES}第十一条",
        "source_en": f"{SANBAO_RULES_EN}, art. 11",
    },
    {
        "key": "food_refund_only",
        "windows": "food_safety",
        "needs": "always",
        "objection": "只能给你退款",
        "objection_en": "We can only refund you",
        "reply": "食品不符合安全标准，除了退款，我还可以要求价款十倍的赔偿，不足1000元按1000元；"
        "我先找的你们，应当先行赔付（食品安全法第一百四十八条）。",
        "reply_en": "Food below the safety standards: besides the refund I may claim ten times "
        "the price, at least 1,000 yuan; I asked you first, so you pay first (食品安全法 art. 148).",
        "quote": "消费者除要求赔偿损失外，还可以向生产者或者经营者要求支付价款十倍或者损失三倍的"
        "赔偿金；增加赔偿的金额不足一千元的，为一千元。",
        "quote_from": "食品安全法第一百四十八条，转引自 m.51dongshi.net、crsrw.com",
        "source": "《食品安全法》第一百四十八条",
        "source_en": "Food Safety Law, art. 148",
    },
]


def seed(apps, schema_editor):
    LegalWindow = apps.get_model("routing", "LegalWindow")
    Pushback = apps.get_model("routing", "Pushback")
    for order, entry in enumerate(WINDOWS, start=1):
        defaults = {
            "goods": "",
            "excluded_goods": "",
            "needs_evidence": False,
            "condition": "",
            "condition_en": "",
            "min_repairs": None,
            **entry,
            "confidence": "public_summary",
            "last_checked": CHECKED,
            "sort_order": order,
        }
        LegalWindow.objects.update_or_create(key=entry["key"], defaults=defaults)
    for order, entry in enumerate(PUSHBACKS, start=1):
        Pushback.objects.update_or_create(
            key=entry["key"], defaults={**entry, "last_checked": CHECKED, "sort_order": order}
        )


def unseed(apps, schema_editor):
    Pushback = apps.get_model("routing", "Pushback")
    Pushback.objects.filter(key__in=[p["key"] for p in PUSHBACKS]).delete()
    LegalWindow = apps.get_model("routing", "LegalWindow")
    new = {"sanbao_after_repairs", "quality_return_late", "food_safety", "prepaid_refund"}
    LegalWindow.objects.filter(key__in=new).delete()


class Migration(migrations.Migration):
    dependencies = [("routing", "0007_legal_conditions_quotes_pushbacks")]
    operations = [migrations.RunPython(seed, unseed)]
