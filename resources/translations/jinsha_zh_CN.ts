<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdministrationPage</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
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
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
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
        <source>Te&amp;xt</source>
        <translation>文字(&amp;X)</translation>
    </message>
    <message>
        <source>Text in the entry</source>
        <translation>日志中的文字</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
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
        <source>&lt;h3&gt;Jinsha Ledger %1&lt;/h3&gt;&lt;p&gt;Offline ledgers for checkpoint registration, facility repairs and village inspections of Jinsha sub-district.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;&lt;p&gt;Fonts: Droid Sans Fallback (Apache License 2.0), Hanazono Mincho B (SIL Open Font License 1.1).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;金沙台账 %1&lt;/h3&gt;&lt;p&gt;金沙街道卡点登记、设施维修、村居检查的离线台账系统。&lt;/p&gt;&lt;p&gt;数据文件夹：%2&lt;/p&gt;&lt;p&gt;字体：Droid Sans Fallback（Apache License 2.0），花园明朝 B（SIL Open Font License 1.1）。&lt;/p&gt;</translation>
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
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>Unsaved input found</source>
        <translation>发现未保存的内容</translation>
    </message>
    <message>
        <source>“%1” was not saved (last typed %2), perhaps because the program was closed unexpectedly. Restore it now?</source>
        <translation>“%1”还没有保存（最后输入于 %2），可能是程序意外关闭了。现在恢复吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
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
    <name>NotAvailablePage</name>
    <message>
        <source>This module is not available yet. It will come with a later version of Jinsha Ledger.</source>
        <translation>此模块尚未开放，将在金沙台账的后续版本中提供。</translation>
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
        <source>Compounds and buildings</source>
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
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;peat password</source>
        <translation>再次输入密码(&amp;P)</translation>
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
</TS>
