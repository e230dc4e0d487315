/**
 * Which of the DEMO CITY's groups are relevant to each bench need (the labels of needs.ts and
 * fresh.ts list only the hand-written city-spreadsheet groups of groups-core.ts).
 *
 * Why: the demo city generates its groups from ~40 themes (src/features/groups/demo.ts: THEMES,
 * BUSINESS_THEMES, EDUCATION_THEMES, NEIGHBOURHOOD_THEME), about ten groups each, every one
 * carrying its theme's purpose and a subset of its activities. For many needs one theme really
 * does the asked work (戦争の体験を子どもたちに伝えたい ↔ 平和を語り継ぐ会: 「戦争の記憶を次の世代に
 * 伝え…」), so a ranking that lists those groups is not wrong, and a measure that counts them as
 * misses says the labels are incomplete, not that the engine is.
 *
 * How decided (2026-12-03): for each need, its four texts were read against each theme's name,
 * purpose and full list of activities in demo.ts, and a theme is listed when a person reading both
 * would agree that a group of that theme does what the need asks of a partner (its 求める協働相手).
 * A theme doing only a neighbouring thing is not listed (e.g. スポーツクラブ for 障害者スポーツ,
 * 男女共同参画の会 「DV相談窓口の周知」 for a partner who takes DV consultations, 自治会 for a partner
 * who trains residents). Decided by theme, never per group, and never from what the engine
 * returned. (Several of these needs had been seen in the engine's output with DIAG=1 before, which
 * is what showed the labels to be incomplete; the judgement itself is on the texts.)
 *
 * The bench uses these as a condensed list: the relevant demo groups are taken out of the ranked
 * list (neither hits nor misses) before the labelled targets are counted, so the figure says
 * whether groups that are NOT relevant push the targets out.
 *
 * What it showed (2026-12-03, npx tsx bench/run.ts matching): before that day's engine changes,
 * need→group R@10 in the demo city was 0.77 on the labelled targets and 0.82 on the condensed list.
 * So part of the gap really was incomplete labels, and part was the engine. After the ranking
 * stopped rewarding copied wording (core/japanese/similar.ts in matching's diversified()), both
 * figures are 0.81. What is left is groups that are NOT relevant (demo and labelled alike)
 * pushing targets out, which is an engine problem (paraphrases it does not understand).
 *
 * Keys: the need's title; values: theme names as they appear inside the demo groups' names.
 */
export const DEMO_RELEVANT: Record<string, string[]> = {
  // needs.ts
  ひとりで暮らすお年寄りの異変に早く気づきたい: ['見守り隊'],
  家でちゃんと晩ごはんを食べられない子がいる: ['こども食堂'],
  日本に来たばかりの中学生が授業についていけない: ['日本語教室'],
  外国から来た住民がゴミの出し方や病院のかかり方で困っている: ['日本語教室', '国際交流クラブ'],
  '大地震のとき、避難先を住民の手で開けるようにしたい': ['防災ネットワーク'],
  車いすの人や寝たきりの人が災害のときに逃げ遅れる: ['防災ネットワーク'],
  野良猫のふんやにおいで近所とトラブルになっている: ['地域猫の会'],
  お年寄りが家にこもって足腰が弱っている: ['高齢者サロン'],
  もの忘れが出てきた人と家族が気軽に話せる場がほしい: ['介護者のつどい'],
  赤ちゃんを育てるお母さんが孤立している: ['子育てひろば'],
  学校に行けない子の昼間の過ごし場所がない: ['子ども若者の居場所'],
  長い間家から出られない人の家族が悩んでいる: ['子ども若者の居場所'],
  小さいうちから本に親しんでほしい: ['おはなしの会'],
  住む人のいない家が増えて防犯上も心配: ['まちづくり工房', '不動産'],
  シャッターを下ろした店が目立つ駅前を元気にしたい: ['商店会', 'まちづくり工房'],
  市外から来た人に街の魅力を案内したい: ['観光ボランティアガイド'],
  農家さんの人手が足りず畑が続けられない: ['市民農園クラブ'],
  駅前の花壇の手入れをする人がいない: ['緑と水の会'],
  用水路沿いの緑地にごみが捨てられている: ['緑と水の会', '環境サークル'],
  余った食べ物を困っている家庭に回したい: ['生活協同組合'],
  まだ使える物が粗大ごみとして大量に出される: ['ごみ減量推進の会'],
  家庭から出る二酸化炭素を減らしたい: ['地域電力'],
  夜道が暗くて空き巣も心配だという声が多い: ['防犯パトロール'],
  お年寄りがだまされてお金をとられる被害が続く: ['消費生活研究会'],
  障害のある人が地元で働く場をもっと増やしたい: ['障がい者の就労を支える会'],
  働けずにいる若者が増えている: ['しごとサポート'],
  お年寄りがスマホを使えず行政手続きのオンライン化についていけない: ['ITサポート'],
  施設に入っているお年寄りにも歌や演奏を楽しんでほしい: ['合唱団'],
  まちの昔の姿を次の世代に残したい: ['郷土史研究会'],
  戦争の体験を子どもたちに伝えたい: ['平和を語り継ぐ会'],
  審議会や町会の役員に女性が少ない: ['男女共同参画の会'],
  子どもの体力が落ちている: ['スポーツクラブ'],
  食事を作れなくなった高齢者の栄養が心配: ['ケアサービス'],
  家族を介護する人が疲れ切っている: ['介護者のつどい'],
  家賃を払えず住まいを失いそうな人が相談に来る: ['不動産'],
  市民団体の運営の悩みを相談できるところがほしい: ['市民活動サポートネット'],
  理科が好きな子どもを増やしたい: ['科学あそびの会'],
  市内に残る林が荒れている: ['緑と水の会'],
  公園の鳥や虫の種類を把握したい: ['緑と水の会', '環境サークル'],
  団地で顔見知りが減っている: ['まちの縁側'],
  外国人のお母さんが健診や予防接種の案内を理解できない: ['国際交流クラブ'],
  // fresh.ts
  夏休みに子どもがひとりで昼ごはんを食べている: ['こども食堂'],
  認知症のおばあちゃんの世話で母がまいっている: ['介護者のつどい'],
  使わなくなった子ども服やおもちゃを誰かに使ってほしい: ['ごみ減量推進の会'],
  台風で家の周りが水につかるのが心配: ['防災ネットワーク'],
  外国から来た家族が病院で症状をうまく伝えられない: ['国際交流クラブ'],
  川で子どもに生き物とふれあってほしい: ['緑と水の会', '環境サークル'],
  夜遅くまで一人で留守番する小学生が心配: ['ワーカーズ協同組合'],
  ネットで知らない人とやりとりする中高生のトラブルが心配: ['消費生活研究会'],
  猫を飼っていたお年寄りが入院して猫の行き場がない: ['地域猫の会'],
  電気代が高くて家計が苦しいという家庭が多い: ['地域電力'],
  店を始めたい若者が商店街に入ってこない: ['商店会', 'まちづくり工房', 'しごとサポート'],
  歌や楽器で病気や障害のある人の心と体を元気にしたい: ['合唱団'],
  団地の集会所が使われずにいる: ['まちの縁側', '高齢者サロン'],
}

/** Is a demo group (by its name) relevant to a need (by its title)? */
export const demoRelevant = (title: string, groupName: string) =>
  (DEMO_RELEVANT[title] ?? []).some((theme) => groupName.includes(theme))
