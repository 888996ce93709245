<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sw_KE">
<context>
    <name>App</name>
    <message>
        <source>mpesa-desktop met a problem it did not expect.</source>
        <translation>mpesa-desktop imekumbana na tatizo ambalo haikulitarajia.</translation>
    </message>
    <message>
        <source>Your data is safe: every payment is written to the log before it is sent. Before trying a payment again, check its status in the Transaction log. If this happens again, please send the details below to whoever supports this installation.</source>
        <translation>Data yako iko salama: kila malipo huandikwa kwenye kumbukumbu kabla ya kutumwa. Kabla ya kujaribu malipo tena, angalia hali yake katika Kumbukumbu ya miamala. Hili likitokea tena, tafadhali tuma maelezo yaliyo hapa chini kwa anayesimamia programu hii.</translation>
    </message>
    <message>
        <source>mpesa-desktop: unexpected problem</source>
        <translation>mpesa-desktop: tatizo lisilotarajiwa</translation>
    </message>
    <message>
        <source>The profile could not be opened.</source>
        <translation>Wasifu haukuweza kufunguliwa.</translation>
    </message>
    <message>
        <source>Could not start the offline simulator</source>
        <translation>Kiigaji cha nje ya mtandao hakikuweza kuwashwa</translation>
    </message>
    <message>
        <source>Could not open the profile; the offline simulator is open</source>
        <translation>Wasifu haukuweza kufunguliwa; kiigaji cha nje ya mtandao kimefunguliwa</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the system</source>
        <translation>Fuata mfumo</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Mwanga</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Giza</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Utofautishaji wa juu</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <source>Submitted</source>
        <translation>Imewasilishwa</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>Aliyeandaa</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Shughuli</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Payee</source>
        <translation>Mpokeaji</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Madhumuni</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Idhini</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Filter by maker, payee or purpose</source>
        <translation>Chuja kwa aliyeandaa, mpokeaji au madhumuni</translation>
    </message>
    <message>
        <source>Filter the queue</source>
        <translation>Chuja foleni</translation>
    </message>
    <message>
        <source>Payouts awaiting approval</source>
        <translation>Malipo yanayosubiri idhini</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Idhinisha…</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>&amp;Kataa…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Onyesha &amp;upya</translation>
    </message>
    <message>
        <source>{count} payouts awaiting approval</source>
        <translation>Malipo {count} yanasubiri idhini</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Yameandaliwa na</translation>
    </message>
    <message>
        <source>Approve payment</source>
        <translation>Idhinisha malipo</translation>
    </message>
    <message>
        <source>Approve payments</source>
        <translation>Idhinisha malipo</translation>
    </message>
    <message>
        <source>Approve {count} payouts</source>
        <translation>Idhinisha malipo {count}</translation>
    </message>
    <message>
        <source>{count} payees</source>
        <translation>Wapokeaji {count}</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Inaidhinisha…</translation>
    </message>
    <message>
        <source>Decline payment</source>
        <translation>Kataa malipo</translation>
    </message>
    <message>
        <source>Why is {reference} declined?</source>
        <translation>Kwa nini {reference} imekataliwa?</translation>
    </message>
    <message>
        <source>approved; it waits for another approver</source>
        <translation>imeidhinishwa; inasubiri mwidhinishaji mwingine</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>imekataliwa</translation>
    </message>
    <message>
        <source>approved and sent ({status})</source>
        <translation>imeidhinishwa na kutumwa ({status})</translation>
    </message>
</context>
<context>
    <name>Balance</name>
    <message>
        <source>Account</source>
        <translation>Akaunti</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Sarafu</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Salio la sasa</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Linalopatikana</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Lililozuiliwa</translation>
    </message>
    <message>
        <source>Uncleared</source>
        <translation>Ambalo halijakamilika</translation>
    </message>
    <message>
        <source>No balance received yet.</source>
        <translation>Hakuna salio lililopokelewa bado.</translation>
    </message>
    <message>
        <source>Balances per account</source>
        <translation>Salio kwa kila akaunti</translation>
    </message>
    <message>
        <source>Balances as of {when} (EAT)</source>
        <translation>Salio kufikia {when} (EAT)</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>OFFLINE SIMULATOR - no real money</source>
        <translation>KIIGAJI NJE YA MTANDAO - hakuna pesa halisi</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>SANDBOX</translation>
    </message>
    <message>
        <source>LIVE - real money</source>
        <translation>HALISI - pesa halisi</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>{mode}   ·   profile: {profile}</source>
        <translation>{mode}   ·   wasifu: {profile}</translation>
    </message>
    <message>
        <source>The team ledger cannot be reached. Nothing is sent until it is back; this window carries on by itself when it is.</source>
        <translation>Daftari la timu haliwezi kufikiwa. Hakuna kinachotumwa hadi lirudi; dirisha hili litaendelea lenyewe likirudi.</translation>
    </message>
    <message>
        <source>Team ledger</source>
        <translation>Daftari la timu</translation>
    </message>
</context>
<context>
    <name>Bulk</name>
    <message>
        <source>{count} payee</source>
        <translation>mpokeaji {count}</translation>
    </message>
    <message>
        <source>{count} payees</source>
        <translation>wapokeaji {count}</translation>
    </message>
    <message>
        <source>{payees} to pay, {amount} ({words}).</source>
        <translation>{payees} wa kulipwa, {amount} ({words}).</translation>
    </message>
    <message>
        <source>{payees} already sent by an earlier run of this file (never sent again).</source>
        <translation>{payees} tayari walitumiwa katika utumaji wa awali wa faili hii (hawatumiwi tena).</translation>
    </message>
    <message>
        <source>1 row pays a phone the same amount as a payment of the last 48 hours (see Note).</source>
        <translation>Safu 1 inalipa simu kiasi kilekile cha malipo ya saa 48 zilizopita (angalia Maelezo).</translation>
    </message>
    <message>
        <source>{count} rows pay a phone the same amount as a payment of the last 48 hours (see Note).</source>
        <translation>Safu {count} zinalipa simu kiasi kilekile cha malipo ya saa 48 zilizopita (angalia Maelezo).</translation>
    </message>
    <message>
        <source>File checksum: {digest}</source>
        <translation>Checksum ya faili: {digest}</translation>
    </message>
    <message>
        <source>Sent earlier</source>
        <translation>Walitumiwa awali</translation>
    </message>
    <message>
        <source>{payees}: not sent again</source>
        <translation>{payees}: hawatumiwi tena</translation>
    </message>
    <message>
        <source>File checksum</source>
        <translation>Checksum ya faili</translation>
    </message>
    <message>
        <source>Row {row} pays {phone} {amount}, as {reference} did on {when}.</source>
        <translation>Safu {row} inalipa {phone} {amount}, kama {reference} ilivyolipa {when}.</translation>
    </message>
    <message>
        <source>…and {count} more rows paid the same lately.</source>
        <translation>…na safu {count} zaidi zilizolipwa vivyo hivyo hivi karibuni.</translation>
    </message>
    <message>
        <source>Confirm bulk payment</source>
        <translation>Thibitisha malipo ya jumla</translation>
    </message>
    <message>
        <source>Pay {payees}</source>
        <translation>Lipa {payees}</translation>
    </message>
    <message>
        <source>{payees} from {file}</source>
        <translation>{payees} kutoka {file}</translation>
    </message>
    <message>
        <source>Bulk payment (B2C), one request per row</source>
        <translation>Malipo ya jumla (B2C), ombi moja kwa kila safu</translation>
    </message>
    <message>
        <source>Yes, pay the rows listed above a &amp;second time</source>
        <translation>&amp;Ndiyo, lipa tena safu zilizoorodheshwa hapo juu</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Kitabu cha Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Simu</translation>
    </message>
    <message>
        <source>Amount (KES)</source>
        <translation>Kiasi (KES)</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>Aina ya malipo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Jina</translation>
    </message>
    <message>
        <source>National ID</source>
        <translation>Nambari ya kitambulisho</translation>
    </message>
    <message>
        <source>Occasion</source>
        <translation>Tukio</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(hakuna)</translation>
    </message>
    <message>
        <source>Column for {field}</source>
        <translation>Safu wima ya {field}</translation>
    </message>
    <message>
        <source>{field} *:</source>
        <translation>{field} *:</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}:</translation>
    </message>
    <message>
        <source>(column {number})</source>
        <translation>(safu wima {number})</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Safu</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>error</source>
        <translation>kosa</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>sawa</translation>
    </message>
    <message>
        <source>to send</source>
        <translation>itatumwa</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>imekataliwa</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>haijatumwa</translation>
    </message>
    <message>
        <source>sent earlier: {status}</source>
        <translation>ilitumwa awali: {status}</translation>
    </message>
    <message>
        <source>1 problem: correct the file (or the columns above) and open it again; nothing can be sent while any row has a problem.</source>
        <translation>Tatizo 1: sahihisha faili (au safu wima zilizo juu) na uifungue tena; hakuna kinachoweza kutumwa safu yoyote ikiwa na tatizo.</translation>
    </message>
    <message>
        <source>{count} problems: correct the file (or the columns above) and open it again; nothing can be sent while any row has a problem.</source>
        <translation>Matatizo {count}: sahihisha faili (au safu wima zilizo juu) na uifungue tena; hakuna kinachoweza kutumwa safu yoyote ikiwa na tatizo.</translation>
    </message>
    <message>
        <source>paid the same amount on {when} ({reference}): asked before sending</source>
        <translation>kiasi kilekile kililipwa {when} ({reference}): utaulizwa kabla ya kutuma</translation>
    </message>
    <message>
        <source>sent by an earlier run of this file: not sent again</source>
        <translation>ilitumwa katika utumaji wa awali wa faili hii: haitumwi tena</translation>
    </message>
    <message>
        <source>One payee a row, the header first: phone, amount (whole shillings), remarks; optional: payment type (BusinessPayment, SalaryPayment or PromotionPayment), name, national ID, occasion. Open the file, check the columns, read the preview, then Send. Opening the same file again never pays anyone twice: rows already sent are shown and skipped.</source>
        <translation>Mpokeaji mmoja kwa kila safu, kichwa kwanza (majina ya safu wima kama kwenye kiolezo): simu, kiasi (shilingi kamili), maelezo; si lazima: aina ya malipo (BusinessPayment, SalaryPayment au PromotionPayment), jina, nambari ya kitambulisho, tukio. Fungua faili, kagua safu wima, soma onyesho la awali, kisha Tuma. Kufungua faili ileile tena hakumlipi mtu mara mbili: safu zilizokwisha tumwa zinaonyeshwa na kurukwa.</translation>
    </message>
    <message>
        <source>No file opened.</source>
        <translation>Hakuna faili iliyofunguliwa.</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>zilizotumwa {count}</translation>
    </message>
    <message>
        <source>{count} resent</source>
        <translation>zilizotumwa tena {count}</translation>
    </message>
    <message>
        <source>{count} skipped</source>
        <translation>zilizorukwa {count}</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>zilizokataliwa {count}</translation>
    </message>
    <message>
        <source>{count} not sent</source>
        <translation>ambazo hazikutumwa {count}</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>F&amp;ungua faili…</translation>
    </message>
    <message>
        <source>Save &amp;template…</source>
        <translation>Hifadhi &amp;kiolezo…</translation>
    </message>
    <message>
        <source>Problems of the file</source>
        <translation>Matatizo ya faili</translation>
    </message>
    <message>
        <source>Payees of the file</source>
        <translation>Wapokeaji wa faili</translation>
    </message>
    <message>
        <source> a second</source>
        <translation> kwa sekunde</translation>
    </message>
    <message>
        <source>Requests a second</source>
        <translation>Maombi kwa sekunde</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>&amp;Ghairi utumaji</translation>
    </message>
    <message>
        <source>Save &amp;result…</source>
        <translation>Hifadhi mat&amp;okeo…</translation>
    </message>
    <message>
        <source>%v of %m rows</source>
        <translation>safu %v kati ya %m</translation>
    </message>
    <message>
        <source>R&amp;ate:</source>
        <translation>Kas&amp;i:</translation>
    </message>
    <message>
        <source>Payees file</source>
        <translation>Faili ya wapokeaji</translation>
    </message>
    <message>
        <source>Payees (*.csv *.xlsx);;All files (*)</source>
        <translation>Wapokeaji (*.csv *.xlsx);;Faili zote (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Inasoma {file}…</translation>
    </message>
    <message>
        <source>The file cannot be read; nothing can be sent.</source>
        <translation>Faili haiwezi kusomwa; hakuna kinachoweza kutumwa.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Inakagua kila safu…</translation>
    </message>
    <message>
        <source>…and {count} more.</source>
        <translation>…na {count} zaidi.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was sent.</source>
        <translation>Imeghairiwa; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Inatuma…</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Haijatumwa: {reason}</translation>
    </message>
    <message>
        <source>{stopped}. {counts}. Rows not sent are sent by opening the same file again.</source>
        <translation>{stopped}. {counts}. Safu ambazo hazikutumwa hutumwa kwa kufungua faili ileile tena.</translation>
    </message>
    <message>
        <source>Done: {counts}; each row&apos;s status follows in the table.</source>
        <translation>Imekamilika: {counts}; hali ya kila safu inafuata kwenye jedwali.</translation>
    </message>
    <message>
        <source>Paused after the row being sent; Resume goes on.</source>
        <translation>Imesitishwa baada ya safu inayotumwa; Endelea inaendelea.</translation>
    </message>
    <message>
        <source>Cancelling after the row being sent…</source>
        <translation>Inaghairi baada ya safu inayotumwa…</translation>
    </message>
    <message>
        <source>&amp;Send to {payees}…</source>
        <translation>&amp;Tuma kwa {payees}…</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Tuma…</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Endelea</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>&amp;Sitisha</translation>
    </message>
    <message>
        <source>Save the result</source>
        <translation>Hifadhi matokeo</translation>
    </message>
    <message>
        <source>Result saved to {path}.</source>
        <translation>Matokeo yamehifadhiwa kwenye {path}.</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>Hifadhi kiolezo</translation>
    </message>
    <message>
        <source>Template saved to {path}.</source>
        <translation>Kiolezo kimehifadhiwa kwenye {path}.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Haikuhifadhiwa: {error}</translation>
    </message>
</context>
<context>
    <name>Buttons</name>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Hifadhi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Sawa</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <source>0708 374 149</source>
        <translation>0708 374 149</translation>
    </message>
    <message>
        <source>0712 345 678</source>
        <translation>0712 345 678</translation>
    </message>
    <message>
        <source>300 × 300 pixels</source>
        <translation>pikseli 300 × 300</translation>
    </message>
    <message>
        <source>400 × 400 pixels</source>
        <translation>pikseli 400 × 400</translation>
    </message>
    <message>
        <source>500 × 500 pixels</source>
        <translation>pikseli 500 × 500</translation>
    </message>
    <message>
        <source>600 × 600 pixels</source>
        <translation>pikseli 600 × 600</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>Toleo la API</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Nambari ya akaunti</translation>
    </message>
    <message>
        <source>Account reference</source>
        <translation>Rejea ya akaunti</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Amount (KES)</source>
        <translation>Kiasi (KES)</translation>
    </message>
    <message>
        <source>Bill reference</source>
        <translation>Rejea ya bili</translation>
    </message>
    <message>
        <source>Business payment</source>
        <translation>Malipo ya biashara</translation>
    </message>
    <message>
        <source>Business shortcode</source>
        <translation>Nambari ya biashara</translation>
    </message>
    <message>
        <source>Buy goods (till)</source>
        <translation>Nunua Bidhaa (Till)</translation>
    </message>
    <message>
        <source>Buy goods (to your till)</source>
        <translation>Nunua Bidhaa (kwa Till yako)</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>URL ya majibu</translation>
    </message>
    <message>
        <source>Cancelled: refuse the payment if the validation URL does not answer</source>
        <translation>Imeghairiwa: kataa malipo URL ya uthibitisho isipojibu</translation>
    </message>
    <message>
        <source>Checkout request ID</source>
        <translation>Kitambulisho cha ombi la malipo</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Amri</translation>
    </message>
    <message>
        <source>Completed: accept the payment if the validation URL does not answer</source>
        <translation>Imekamilika: kubali malipo URL ya uthibitisho isipojibu</translation>
    </message>
    <message>
        <source>Confirmation URL</source>
        <translation>URL ya kuthibitisha malipo</translation>
    </message>
    <message>
        <source>Customer&apos;s phone</source>
        <translation>Simu ya mteja</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Kutoka</translation>
    </message>
    <message>
        <source>Identifier type</source>
        <translation>Aina ya kitambulisho</translation>
    </message>
    <message>
        <source>Initiator (API user)</source>
        <translation>Mwanzishaji (mtumiaji wa API)</translation>
    </message>
    <message>
        <source>KRA payment number (PRN)</source>
        <translation>Nambari ya malipo ya KRA (PRN)</translation>
    </message>
    <message>
        <source>KRA shortcode</source>
        <translation>Nambari ya biashara ya KRA</translation>
    </message>
    <message>
        <source>KRA tax (with PRN)</source>
        <translation>Kodi ya KRA (kwa PRN)</translation>
    </message>
    <message>
        <source>M-Pesa receipt</source>
        <translation>Risiti ya M-PESA</translation>
    </message>
    <message>
        <source>M-Pesa receipt to reverse</source>
        <translation>Risiti ya M-PESA ya kurejesha</translation>
    </message>
    <message>
        <source>Merchant name</source>
        <translation>Jina la mfanyabiashara</translation>
    </message>
    <message>
        <source>Name shown to the customer</source>
        <translation>Jina analoona mteja</translation>
    </message>
    <message>
        <source>Nominated number</source>
        <translation>Nambari iliyoteuliwa</translation>
    </message>
    <message>
        <source>Occasion</source>
        <translation>Tukio</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Kuanzia nafasi</translation>
    </message>
    <message>
        <source>On behalf of (phone)</source>
        <translation>Kwa niaba ya (simu)</translation>
    </message>
    <message>
        <source>Organisation shortcode</source>
        <translation>Nambari ya biashara ya shirika</translation>
    </message>
    <message>
        <source>Originator conversation ID</source>
        <translation>Kitambulisho cha mazungumzo ya mwanzishaji</translation>
    </message>
    <message>
        <source>Paybill</source>
        <translation>Lipa Bili (Paybill)</translation>
    </message>
    <message>
        <source>Paybill (to your shortcode)</source>
        <translation>Lipa Bili (kwa nambari yako ya biashara)</translation>
    </message>
    <message>
        <source>Paybill (with account number)</source>
        <translation>Lipa Bili (kwa nambari ya akaunti)</translation>
    </message>
    <message>
        <source>Paybill payment</source>
        <translation>Malipo ya Lipa Bili</translation>
    </message>
    <message>
        <source>Paying phone</source>
        <translation>Simu inayolipa</translation>
    </message>
    <message>
        <source>Paying shortcode</source>
        <translation>Nambari ya biashara inayolipa</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>Aina ya malipo</translation>
    </message>
    <message>
        <source>Phone (MSISDN)</source>
        <translation>Simu (MSISDN)</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Nambari ya simu</translation>
    </message>
    <message>
        <source>Pochi phone number</source>
        <translation>Nambari ya simu ya Pochi</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Promosheni</translation>
    </message>
    <message>
        <source>Queue timeout URL</source>
        <translation>URL ya muda wa foleni kuisha</translation>
    </message>
    <message>
        <source>Receiving paybill or till</source>
        <translation>Lipa Bili au Till inayopokea</translation>
    </message>
    <message>
        <source>Receiving shortcode or till</source>
        <translation>Nambari ya biashara au Till inayopokea</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>Response type</source>
        <translation>Aina ya jibu</translation>
    </message>
    <message>
        <source>Result URL</source>
        <translation>URL ya matokeo</translation>
    </message>
    <message>
        <source>STK passkey</source>
        <translation>Nenosiri la STK (passkey)</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Mshahara</translation>
    </message>
    <message>
        <source>Security credential</source>
        <translation>Kitambulisho cha usalama</translation>
    </message>
    <message>
        <source>Send money (phone)</source>
        <translation>Tuma Pesa (simu)</translation>
    </message>
    <message>
        <source>Send to a business</source>
        <translation>Tuma kwa biashara</translation>
    </message>
    <message>
        <source>Shortcode</source>
        <translation>Nambari ya biashara</translation>
    </message>
    <message>
        <source>Size (pixels)</source>
        <translation>Ukubwa (pikseli)</translation>
    </message>
    <message>
        <source>Till (buy goods only)</source>
        <translation>Till (Nunua Bidhaa pekee)</translation>
    </message>
    <message>
        <source>Till (buy goods)</source>
        <translation>Till (Nunua Bidhaa)</translation>
    </message>
    <message>
        <source>Till (buy goods) payment</source>
        <translation>Malipo ya Till (Nunua Bidhaa)</translation>
    </message>
    <message>
        <source>Till number</source>
        <translation>Nambari ya Till</translation>
    </message>
    <message>
        <source>Till, paybill or phone</source>
        <translation>Till, Lipa Bili au simu</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kwa</translation>
    </message>
    <message>
        <source>Top up a B2C shortcode</source>
        <translation>Ongeza pesa kwenye nambari ya B2C</translation>
    </message>
    <message>
        <source>Transaction type</source>
        <translation>Aina ya muamala</translation>
    </message>
    <message>
        <source>Validation URL</source>
        <translation>URL ya uthibitisho</translation>
    </message>
    <message>
        <source>Withdraw at an agent</source>
        <translation>Toa Pesa kwa wakala</translation>
    </message>
    <message>
        <source>Your shortcode</source>
        <translation>Nambari yako ya biashara</translation>
    </message>
    <message>
        <source>customer&apos;s phone, if paying for one</source>
        <translation>simu ya mteja, ukimlipia</translation>
    </message>
    <message>
        <source>e.g. 1,500</source>
        <translation>mfano 1,500</translation>
    </message>
    <message>
        <source>e.g. 25,000</source>
        <translation>mfano 25,000</translation>
    </message>
    <message>
        <source>e.g. 888880</source>
        <translation>mfano 888880</translation>
    </message>
    <message>
        <source>e.g. INV-2041</source>
        <translation>mfano INV-2041</translation>
    </message>
    <message>
        <source>e.g. Mama Mboga Stores</source>
        <translation>mfano Mama Mboga Stores</translation>
    </message>
    <message>
        <source>e.g. NLJ7RT61SV</source>
        <translation>mfano NLJ7RT61SV</translation>
    </message>
    <message>
        <source>e.g. November salary</source>
        <translation>mfano mshahara wa Novemba</translation>
    </message>
    <message>
        <source>e.g. invoice number</source>
        <translation>mfano nambari ya ankara</translation>
    </message>
    <message>
        <source>e.g. order 2041</source>
        <translation>mfano oda 2041</translation>
    </message>
    <message>
        <source>the account number the customer types</source>
        <translation>nambari ya akaunti anayoandika mteja</translation>
    </message>
    <message>
        <source>the till, paybill or phone paid</source>
        <translation>Till, Lipa Bili au simu inayolipwa</translation>
    </message>
    <message>
        <source>v1</source>
        <translation>v1</translation>
    </message>
    <message>
        <source>v2 (masked phone numbers)</source>
        <translation>v2 (nambari za simu zimefichwa)</translation>
    </message>
    <message>
        <source>what the payment is for</source>
        <translation>malipo ni ya nini</translation>
    </message>
    <message>
        <source>why the payment is refunded</source>
        <translation>kwa nini malipo yanarejeshwa</translation>
    </message>
</context>
<context>
    <name>Certificate</name>
    <message>
        <source>Offline simulator (bundled)</source>
        <translation>Kiigaji cha nje ya mtandao (kimejumuishwa)</translation>
    </message>
    <message>
        <source>Safaricom sandbox (bundled)</source>
        <translation>Sandbox ya Safaricom (imejumuishwa)</translation>
    </message>
    <message>
        <source>Safaricom production (bundled)</source>
        <translation>Mfumo halisi wa Safaricom (umejumuishwa)</translation>
    </message>
    <message>
        <source>Certificates (*.cer *.crt *.pem *.der);;All files (*)</source>
        <translation>Vyeti (*.cer *.crt *.pem *.der);;Faili zote (*)</translation>
    </message>
    <message>
        <source>Import file...</source>
        <translation>Leta faili...</translation>
    </message>
    <message>
        <source>reading...</source>
        <translation>inasoma...</translation>
    </message>
    <message>
        <source>Imported: {name}</source>
        <translation>Imeletwa: {name}</translation>
    </message>
    <message>
        <source>Import certificate</source>
        <translation>Leta cheti</translation>
    </message>
    <message>
        <source>Issued to {name}</source>
        <translation>Kimetolewa kwa {name}</translation>
    </message>
    <message>
        <source>Valid {dates}</source>
        <translation>Halali {dates}</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>highest {high}   lowest {low}</source>
        <translation>juu kabisa {high}   chini kabisa {low}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Account reference</source>
        <translation>Rejea ya akaunti</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Checkout request id</source>
        <translation>Kitambulisho cha STK</translation>
    </message>
    <message>
        <source>Conversation id</source>
        <translation>Kitambulisho cha Daraja</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Mhusika mwingine</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Iliundwa</translation>
    </message>
    <message>
        <source>Merchant request id</source>
        <translation>Kitambulisho cha ombi la biashara</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Shughuli</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Mhudumu</translation>
    </message>
    <message>
        <source>Originator conversation id</source>
        <translation>Kitambulisho cha mwanzo</translation>
    </message>
    <message>
        <source>Party a</source>
        <translation>Mhusika A</translation>
    </message>
    <message>
        <source>Party b</source>
        <translation>Mhusika B</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Simu</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Wasifu</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>Result code</source>
        <translation>Msimbo wa matokeo</translation>
    </message>
    <message>
        <source>Result desc</source>
        <translation>Maelezo ya matokeo</translation>
    </message>
    <message>
        <source>Retry of</source>
        <translation>Jaribio jipya la</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Ilisasishwa</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>To</source>
        <translation>Kwa</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Madhumuni</translation>
    </message>
    <message>
        <source>LIVE - this moves real money</source>
        <translation>HALISI - hii inahamisha pesa halisi</translation>
    </message>
    <message>
        <source>type the amount again, e.g. 1500</source>
        <translation>andika kiasi tena, mfano 1500</translation>
    </message>
    <message>
        <source>Type the amount again</source>
        <translation>Andika kiasi tena</translation>
    </message>
    <message>
        <source>This is a large live payment. Type the amount again:</source>
        <translation>Haya ni malipo makubwa halisi. Andika kiasi tena:</translation>
    </message>
    <message>
        <source>Yes, this is a &amp;second payment to this payee</source>
        <translation>Ndiyo, haya ni malipo ya &amp;pili kwa mpokeaji huyu</translation>
    </message>
    <message>
        <source>Amount again {rule}</source>
        <translation>Kiasi tena: {rule}</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source> (receipt {receipt})</source>
        <translation> (risiti {receipt})</translation>
    </message>
    <message>
        <source> from {low} to {high}</source>
        <translation> kuanzia {low} hadi {high}</translation>
    </message>
    <message>
        <source>  books kept in {path}</source>
        <translation>  hesabu zinahifadhiwa kwenye {path}</translation>
    </message>
    <message>
        <source>(charge lines, not payments)</source>
        <translation>(mistari ya ada, si malipo)</translation>
    </message>
    <message>
        <source>(money off)</source>
        <translation>(pesa zimezimwa)</translation>
    </message>
    <message>
        <source>({amount} here)</source>
        <translation>({amount} hapa)</translation>
    </message>
    <message>
        <source>, at least {low}</source>
        <translation>, angalau {low}</translation>
    </message>
    <message>
        <source>--approve-above must be 0 (every payout) or more</source>
        <translation>--approve-above lazima iwe 0 (kila malipo) au zaidi</translation>
    </message>
    <message>
        <source>--from and --to go together</source>
        <translation>--from na --to huenda pamoja</translation>
    </message>
    <message>
        <source>--limit: must be 1 or more</source>
        <translation>--limit: lazima iwe 1 au zaidi</translation>
    </message>
    <message>
        <source>--months: must be 1 or more</source>
        <translation>--months: lazima iwe 1 au zaidi</translation>
    </message>
    <message>
        <source>--off and --two-approvers-above do not go together</source>
        <translation>--off na --two-approvers-above haziendi pamoja</translation>
    </message>
    <message>
        <source>--out: {path} exists; add --force to replace it</source>
        <translation>--out: {path} tayari ipo; ongeza --force ili kuibadilisha</translation>
    </message>
    <message>
        <source>--out: {path} exists; choose a new file</source>
        <translation>--out: {path} ipo tayari; chagua faili jipya</translation>
    </message>
    <message>
        <source>--out: {problem}; add --force to replace it</source>
        <translation>--out: {problem}; ongeza --force ili kuibadilisha</translation>
    </message>
    <message>
        <source>--profile: &apos;{profile}&apos; has no log of its own at {path}</source>
        <translation>--profile: wasifu &apos;{profile}&apos; hauna kumbukumbu yake yenyewe kwenye {path}</translation>
    </message>
    <message>
        <source>--profile: demo data is written into a profile&apos;s own file; &apos;{profile}&apos; keeps its log in a team ledger (make demo data in another profile, then copy it with mpesa-desktop ledger copy)</source>
        <translation>--profile: data ya maonyesho huandikwa kwenye faili ya wasifu wenyewe; &apos;{profile}&apos; huweka kumbukumbu yake kwenye kumbukumbu ya timu (tengeneza data ya maonyesho katika wasifu mwingine, kisha uinakili kwa mpesa-desktop ledger copy)</translation>
    </message>
    <message>
        <source>--profile: demo data only goes into an offline profile&apos;s log (&apos;{profile}&apos; is {kind})</source>
        <translation>--profile: data ya maonyesho huingia tu kwenye kumbukumbu ya wasifu wa nje ya mtandao (&apos;{profile}&apos; ni {kind})</translation>
    </message>
    <message>
        <source>--pull needs --from and --to (the range to ask M-Pesa for)</source>
        <translation>--pull inahitaji --from na --to (kipindi cha kuuliza M-PESA)</translation>
    </message>
    <message>
        <source>--rows: must be 1 or more</source>
        <translation>--rows: lazima iwe 1 au zaidi</translation>
    </message>
    <message>
        <source>--text: give at least {count} characters</source>
        <translation>--text: andika angalau herufi {count}</translation>
    </message>
    <message>
        <source>--to: must be after --from</source>
        <translation>--to: lazima iwe baada ya --from</translation>
    </message>
    <message>
        <source>--two-approvers-above must be at least --approve-above</source>
        <translation>--two-approvers-above lazima iwe angalau sawa na --approve-above</translation>
    </message>
    <message>
        <source>--two-approvers-above needs --approve-above as well</source>
        <translation>--two-approvers-above inahitaji --approve-above pia</translation>
    </message>
    <message>
        <source>--user {name}: type the password at a terminal, or set {variable} for a command run without one</source>
        <translation>--user {name}: andika nenosiri kwenye terminali, au weka {variable} kwa amri inayoendeshwa bila terminali</translation>
    </message>
    <message>
        <source>... and {count} more (--out FILE writes them all)</source>
        <translation>... na {count} zaidi (--out FILE huziandika zote)</translation>
    </message>
    <message>
        <source>Active profile: {name}</source>
        <translation>Wasifu unaotumika: {name}</translation>
    </message>
    <message>
        <source>Active profile: {name} ({kind})</source>
        <translation>Wasifu unaotumika: {name} ({kind})</translation>
    </message>
    <message>
        <source>Added profile &apos;{name}&apos; ({kind}).</source>
        <translation>Wasifu &apos;{name}&apos; ({kind}) umeongezwa.</translation>
    </message>
    <message>
        <source>Amount differs</source>
        <translation>Kiasi kinatofautiana</translation>
    </message>
    <message>
        <source>Approve? [y/N] </source>
        <translation>Uidhinishe? [y/N] </translation>
    </message>
    <message>
        <source>Both are secrets: give them to the app&apos;s profile, where they are kept in the keyring,
never on a command line:</source>
        <translation>Zote mbili ni siri: ziweke kwenye wasifu wa programu, ambako zinahifadhiwa katika hifadhi ya siri,
kamwe si kwenye mstari wa amri:</translation>
    </message>
    <message>
        <source>C2B URLs:</source>
        <translation>URL za C2B:</translation>
    </message>
    <message>
        <source>C2B simulate works only in the sandbox or offline</source>
        <translation>Kuigiza C2B kunafanya kazi kwenye sandbox au nje ya mtandao tu</translation>
    </message>
    <message>
        <source>Callback base path: {base}</source>
        <translation>Njia ya msingi ya majibu: {base}</translation>
    </message>
    <message>
        <source>Callback secret: {secret}</source>
        <translation>Siri ya majibu: {secret}</translation>
    </message>
    <message>
        <source>Callbacks are accepted only from Safaricom&apos;s published addresses (settings.json allow_safaricom_only).</source>
        <translation>Majibu (callbacks) yanakubaliwa tu kutoka kwa anwani zilizochapishwa na Safaricom (settings.json allow_safaricom_only).</translation>
    </message>
    <message>
        <source>Cancelled before row {row}</source>
        <translation>Imeghairiwa kabla ya safu {row}</translation>
    </message>
    <message>
        <source>Cleared the {secret} of profile &apos;{name}&apos;.</source>
        <translation>Imefutwa: {secret} ya wasifu &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>Connected: {url} accepted the consumer key and secret and issued an access token.</source>
        <translation>Imeunganishwa: {url} imekubali consumer key na secret na kutoa tokeni ya ufikiaji.</translation>
    </message>
    <message>
        <source>Could not connect to {server}. Nothing was sent; check the network and try again.</source>
        <translation>Imeshindwa kuunganisha na {server}. Hakuna kilichotumwa; kagua mtandao na ujaribu tena.</translation>
    </message>
    <message>
        <source>Could not get an access token from {server}: the server did not answer. Nothing was sent.</source>
        <translation>Imeshindwa kupata tokeni ya ufikiaji kutoka {server}: seva haikujibu. Hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Could not reach the server. {reason}</source>
        <translation>Seva haikufikiwa. {reason}</translation>
    </message>
    <message>
        <source>Could not write the file: {reason}</source>
        <translation>Faili haikuweza kuandikwa: {reason}</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>TOFAUTI</translation>
    </message>
    <message>
        <source>Daraja did not accept the request: {text}</source>
        <translation>Daraja haikukubali ombi: {text}</translation>
    </message>
    <message>
        <source>Daraja is known to still accept its own expired certificates</source>
        <translation>Daraja inajulikana kuendelea kukubali vyeti vyake vilivyokwisha muda</translation>
    </message>
    <message>
        <source>Daraja refused the request (HTTP {status}): {text}</source>
        <translation>Daraja imekataa ombi (HTTP {status}): {text}</translation>
    </message>
    <message>
        <source>Daraja refused the request ({code}): {explanation}</source>
        <translation>Daraja imekataa ombi ({code}): {explanation}</translation>
    </message>
    <message>
        <source>Daraja refused the request: {explanation}</source>
        <translation>Daraja imekataa ombi: {explanation}</translation>
    </message>
    <message>
        <source>Enter the profile&apos;s secrets (hidden; press Enter to skip one):</source>
        <translation>Andika siri za wasifu (zimefichwa; bonyeza Enter kuruka moja):</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Uhamishaji umeghairiwa; hakuna faili iliyoandikwa.</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {path}</source>
        <translation>Safu {rows} zimehamishwa kwenda {path}</translation>
    </message>
    <message>
        <source>FILE: no such file {path}</source>
        <translation>FILE: hakuna faili {path}</translation>
    </message>
    <message>
        <source>For later commands, set these environment variables instead: {variables}</source>
        <translation>Kwa amri zitakazofuata, weka vigezo hivi vya mazingira badala yake: {variables}</translation>
    </message>
    <message>
        <source>In M-Pesa only</source>
        <translation>Kwenye M-PESA tu</translation>
    </message>
    <message>
        <source>In the log only</source>
        <translation>Kwenye kumbukumbu tu</translation>
    </message>
    <message>
        <source>Interrupted. A row being sent may have gone out: its outcome is unknown. Run the same file again to send the rest; rows already sent are never sent again.</source>
        <translation>Imekatizwa. Safu iliyokuwa ikitumwa huenda imetoka: matokeo yake hayajulikani. Endesha faili ileile tena kutuma zilizobaki; safu zilizokwisha tumwa hazitumwi tena kamwe.</translation>
    </message>
    <message>
        <source>Invalid input, nothing was sent. {listed}</source>
        <translation>Maingizo si sahihi, hakuna kilichotumwa. {listed}</translation>
    </message>
    <message>
        <source>LIVE - real money. </source>
        <translation>HALISI - pesa halisi. </translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Zinalingana</translation>
    </message>
    <message>
        <source>Money operations are off for it until you turn them on: mpesa-desktop profile set {name} --money-enabled on</source>
        <translation>Shughuli za pesa zimezimwa kwa wasifu huu hadi uziwashe: mpesa-desktop profile set {name} --money-enabled on</translation>
    </message>
    <message>
        <source>Money operations are off for this profile until you turn them on.</source>
        <translation>Shughuli za pesa zimezimwa kwa wasifu huu hadi uziwashe.</translation>
    </message>
    <message>
        <source>Money operations are turned off for profile &apos;{name}&apos;. Turn them on in Settings (or: mpesa-desktop profile set {name} --money-enabled on) first.</source>
        <translation>Shughuli za pesa zimezimwa kwa wasifu &apos;{name}&apos;. Ziwashe kwanza katika Mipangilio (au: mpesa-desktop profile set {name} --money-enabled on).</translation>
    </message>
    <message>
        <source>New password for {name}: </source>
        <translation>Nenosiri jipya la {name}: </translation>
    </message>
    <message>
        <source>No answer from {server} in time after the request was sent. {unknown}</source>
        <translation>Hakuna jibu kutoka {server} kwa wakati baada ya ombi kutumwa. {unknown}</translation>
    </message>
    <message>
        <source>No system keyring was found on this computer, so secrets are kept in memory for this session only and will need to be entered again after the app closes. They are never written to disk. (Scripts can also pass them in environment variables such as MPESA_DESKTOP_&lt;PROFILE&gt;_CONSUMER_KEY.)</source>
        <translation>Hakuna hifadhi ya siri ya mfumo iliyopatikana kwenye kompyuta hii, kwa hivyo siri zinawekwa kwenye kumbukumbu kwa kipindi hiki pekee na zitahitaji kuwekwa tena programu ikifungwa. Haziandikwi kamwe kwenye diski. (Hati pia zinaweza kuzipitisha kwa vigezo vya mazingira kama MPESA_DESKTOP_&lt;PROFILE&gt;_CONSUMER_KEY.)</translation>
    </message>
    <message>
        <source>Not approved.</source>
        <translation>Haijaidhinishwa.</translation>
    </message>
    <message>
        <source>Not confirmed; nothing was changed.</source>
        <translation>Haijathibitishwa; hakuna kilichobadilishwa.</translation>
    </message>
    <message>
        <source>Not sent.</source>
        <translation>Haijatumwa.</translation>
    </message>
    <message>
        <source>Nothing to send: all {count} rows were sent by an earlier run.</source>
        <translation>Hakuna cha kutuma: safu zote {count} zilitumwa katika utumaji wa awali.</translation>
    </message>
    <message>
        <source>Offline Daraja simulator at {url}  (Ctrl+C to stop)
  encrypt initiator passwords with {url}/admin/certificate; executed transactions: {url}/admin/transactions</source>
        <translation>Kiigaji cha Daraja nje ya mtandao kiko {url}  (Ctrl+C kukisimamisha)
  simba manenosiri ya mwanzishaji kwa {url}/admin/certificate; miamala iliyotekelezwa: {url}/admin/transactions</translation>
    </message>
    <message>
        <source>Original amount</source>
        <translation>Kiasi cha awali</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Kimelipwa na</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Kimelipwa tarehe</translation>
    </message>
    <message>
        <source>Party differs</source>
        <translation>Mhusika anatofautiana</translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>Nenosiri la {name}: </translation>
    </message>
    <message>
        <source>Pay {count} payee a total of {total} ({words}) from profile &apos;{profile}&apos; ({environment}).</source>
        <translation>Lipa mpokeaji {count} jumla ya {total} ({words}) kutoka wasifu &apos;{profile}&apos; ({environment}).</translation>
    </message>
    <message>
        <source>Pay {count} payees a total of {total} ({words}) from profile &apos;{profile}&apos; ({environment}).</source>
        <translation>Lipa wapokeaji {count} jumla ya {total} ({words}) kutoka wasifu &apos;{profile}&apos; ({environment}).</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Simu</translation>
    </message>
    <message>
        <source>Poller token: {token}</source>
        <translation>Tokeni ya poller: {token}</translation>
    </message>
    <message>
        <source>QR code saved to {path} ({count} bytes)</source>
        <translation>Msimbo wa QR umehifadhiwa kwenye {path} (baiti {count})</translation>
    </message>
    <message>
        <source>Receipt {receipt} is not in this log, so the app cannot check the payer or the original amount. Check them on the M-Pesa statement before you confirm.</source>
        <translation>Risiti {receipt} haimo kwenye kumbukumbu hii, kwa hiyo programu haiwezi kumkagua mlipaji wala kiasi cha awali. Viangalie kwenye taarifa ya M-PESA kabla ya kuthibitisha.</translation>
    </message>
    <message>
        <source>Reconciled {source} ({start} to {end}) against the log:</source>
        <translation>{source} ({start} hadi {end}) imelinganishwa na kumbukumbu:</translation>
    </message>
    <message>
        <source>Reconciled {source} against the log:</source>
        <translation>{source} imelinganishwa na kumbukumbu:</translation>
    </message>
    <message>
        <source>Relay directory: {path}</source>
        <translation>Folda ya relay: {path}</translation>
    </message>
    <message>
        <source>Relay serving {path} on http://{host}:{port} (callback base /cb/&lt;secret&gt;; Ctrl+C stops it)</source>
        <translation>Relay inahudumia {path} kwenye http://{host}:{port} (msingi wa majibu /cb/&lt;secret&gt;; Ctrl+C huisimamisha)</translation>
    </message>
    <message>
        <source>Removed profile &apos;{name}&apos; and its secrets. Its transaction log is kept at {path}</source>
        <translation>Wasifu &apos;{name}&apos; na siri zake umeondolewa. Kumbukumbu yake ya miamala imebaki kwenye {path}</translation>
    </message>
    <message>
        <source>Row numbers are the spreadsheet&apos;s: the header is row 1.</source>
        <translation>Nambari za safu ni za lahajedwali: kichwa ni safu 1.</translation>
    </message>
    <message>
        <source>STK callback URL:</source>
        <translation>URL ya majibu ya STK:</translation>
    </message>
    <message>
        <source>STK passkey</source>
        <translation>Nenosiri la STK (passkey)</translation>
    </message>
    <message>
        <source>Saved profile &apos;{name}&apos;.</source>
        <translation>Wasifu &apos;{name}&apos; umehifadhiwa.</translation>
    </message>
    <message>
        <source>SecurityCredential</source>
        <translation>SecurityCredential</translation>
    </message>
    <message>
        <source>Send it? [y/N] </source>
        <translation>Yatume? [y/N] </translation>
    </message>
    <message>
        <source>Send {count} payments, {repeats} of them again (see the warnings above)? [y/N] </source>
        <translation>Tuma malipo {count}, {repeats} kati yake kwa mara ya pili (angalia maonyo hapo juu)? [y/N] </translation>
    </message>
    <message>
        <source>Send {count} payments? [y/N] </source>
        <translation>Tuma malipo {count}? [y/N] </translation>
    </message>
    <message>
        <source>Send {money} {recipient}, for: {remarks}</source>
        <translation>Tuma {money} {recipient}, kwa ajili ya: {remarks}</translation>
    </message>
    <message>
        <source>Send {money}, for: {remarks}</source>
        <translation>Tuma {money}, kwa ajili ya: {remarks}</translation>
    </message>
    <message>
        <source>Settled from M-Pesa&apos;s record</source>
        <translation>Zimethibitishwa kutoka rekodi ya M-PESA</translation>
    </message>
    <message>
        <source>Some outcomes are not known yet: check their status before any retry (mpesa-desktop status --reference REF); running this file again never re-sends them.</source>
        <translation>Matokeo ya baadhi ya safu bado hayajulikani: angalia hali zake kabla ya kujaribu tena (mpesa-desktop status --reference REF); kuendesha faili hii tena hakuzitumi upya kamwe.</translation>
    </message>
    <message>
        <source>Status differs</source>
        <translation>Hali inatofautiana</translation>
    </message>
    <message>
        <source>Still to set: {secret} (mpesa-desktop profile set-secret {name} {key})</source>
        <translation>Bado haijawekwa: {secret} (mpesa-desktop profile set-secret {name} {key})</translation>
    </message>
    <message>
        <source>Stopped at row {row}: {error}</source>
        <translation>Imesimama kwenye safu {row}: {error}</translation>
    </message>
    <message>
        <source>Stored in memory for this session: {secrets}.</source>
        <translation>Zimehifadhiwa kwenye kumbukumbu kwa kipindi hiki: {secrets}.</translation>
    </message>
    <message>
        <source>Stored in the keyring: {secrets}.</source>
        <translation>Zimehifadhiwa kwenye hifadhi ya siri: {secrets}.</translation>
    </message>
    <message>
        <source>Stored the {secret} of profile &apos;{name}&apos;.</source>
        <translation>Imehifadhiwa: {secret} ya wasifu &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>The answer from {server} could not be read. {unknown}</source>
        <translation>Jibu kutoka {server} halikuweza kusomeka. {unknown}</translation>
    </message>
    <message>
        <source>The connection to {server} broke after the request was sent. {unknown}</source>
        <translation>Muunganisho na {server} ulikatika baada ya ombi kutumwa. {unknown}</translation>
    </message>
    <message>
        <source>The consumer key and secret were refused. Check them in the profile.</source>
        <translation>Consumer key na secret zimekataliwa. Zikague kwenye wasifu.</translation>
    </message>
    <message>
        <source>The file has 1 problem; nothing was sent.</source>
        <translation>Faili ina tatizo 1; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>The file has {count} problems; nothing was sent.</source>
        <translation>Faili ina matatizo {count}; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>The header is {header} (see mpesa-desktop bulk --help).</source>
        <translation>Kichwa ni {header} (angalia mpesa-desktop bulk --help).</translation>
    </message>
    <message>
        <source>The offline simulator runs inside the main window, only while it is open; test it from the window&apos;s profile settings.</source>
        <translation>Kiigaji cha nje ya mtandao huendeshwa ndani ya dirisha kuu, wakati tu dirisha liko wazi; kijaribu kutoka kwenye mipangilio ya wasifu ya dirisha.</translation>
    </message>
    <message>
        <source>The outcome is not known yet: check its status before any retry (mpesa-desktop status --reference {reference}).</source>
        <translation>Matokeo bado hayajulikani: angalia hali yake kabla ya kujaribu tena (mpesa-desktop status --reference {reference}).</translation>
    </message>
    <message>
        <source>The outcome is unknown: check the transaction&apos;s status before trying again.</source>
        <translation>Matokeo hayajulikani: angalia hali ya muamala kabla ya kujaribu tena.</translation>
    </message>
    <message>
        <source>The rows after it were not sent; run the same file again to send them.</source>
        <translation>Safu zilizofuata hazikutumwa; endesha faili ileile tena kuzituma.</translation>
    </message>
    <message>
        <source>The same payee was paid {amount} on {when}{receipt}. Is this a second payment?</source>
        <translation>Mpokeaji huyu alilipwa {amount} tarehe {when}{receipt}. Je, haya ni malipo ya pili?</translation>
    </message>
    <message>
        <source>The server answered but refused the consumer key and secret{code}. Check them and try again.</source>
        <translation>Seva imejibu lakini imekataa consumer key na secret{code}. Ziangalie kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>The server at {server} failed (HTTP {status}) without saying why. {unknown}</source>
        <translation>Seva ya {server} ilishindwa (HTTP {status}) bila kueleza sababu. {unknown}</translation>
    </message>
    <message>
        <source>The server at {server} failed while logging in (HTTP {status}). Nothing was sent; try again later.</source>
        <translation>Seva ya {server} ilishindwa wakati wa kuingia (HTTP {status}). Hakuna kilichotumwa; jaribu tena baadaye.</translation>
    </message>
    <message>
        <source>The {purpose} is not set for profile &apos;{profile}&apos;. Set it in Settings, or run: mpesa-desktop profile set-secret {profile} {secret}</source>
        <translation>{purpose} haijawekwa kwa wasifu &apos;{profile}&apos;. Iweke katika Mipangilio, au endesha: mpesa-desktop profile set-secret {profile} {secret}</translation>
    </message>
    <message>
        <source>Type it again: </source>
        <translation>Liandike tena: </translation>
    </message>
    <message>
        <source>Type the amount again to confirm: </source>
        <translation>Andika kiasi tena ili kuthibitisha: </translation>
    </message>
    <message>
        <source>Type the profile name ({name}) to confirm: </source>
        <translation>Andika jina la wasifu ({name}) kuthibitisha: </translation>
    </message>
    <message>
        <source>Type the total again to confirm: </source>
        <translation>Andika jumla tena ili kuthibitisha: </translation>
    </message>
    <message>
        <source>Wrote {count} rows to {path}</source>
        <translation>Safu {count} zimeandikwa kwenye {path}</translation>
    </message>
    <message>
        <source>You are about to {action}: payments from profile &apos;{name}&apos; move real money.</source>
        <translation>Unakaribia {action}: malipo kutoka wasifu &apos;{name}&apos; huhamisha pesa halisi.</translation>
    </message>
    <message>
        <source>[Enter: Safaricom&apos;s public test value]</source>
        <translation>[Enter: thamani ya majaribio ya umma ya Safaricom]</translation>
    </message>
    <message>
        <source>[active]</source>
        <translation>[inatumika]</translation>
    </message>
    <message>
        <source>a decimal comma is not accepted</source>
        <translation>koma ya desimali haikubaliwi</translation>
    </message>
    <message>
        <source>a decline needs a reason (--reason TEXT)</source>
        <translation>kukataa kunahitaji sababu (--reason TEXT)</translation>
    </message>
    <message>
        <source>a dot between thousands is not accepted</source>
        <translation>nukta kati ya maelfu haikubaliwi</translation>
    </message>
    <message>
        <source>a payout is approved only after confirmation: add --yes (stdin is not a terminal)</source>
        <translation>malipo yanaidhinishwa baada ya uthibitisho tu: ongeza --yes (stdin si terminal)</translation>
    </message>
    <message>
        <source>a profile named &apos;{name}&apos; already exists</source>
        <translation>wasifu unaoitwa &apos;{name}&apos; tayari upo</translation>
    </message>
    <message>
        <source>a sign (+ or -) is not accepted</source>
        <translation>alama (+ au -) haikubaliwi</translation>
    </message>
    <message>
        <source>action</source>
        <translation>kitendo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>hai</translation>
    </message>
    <message>
        <source>add the LIVE profile</source>
        <translation>kuongeza wasifu HALISI</translation>
    </message>
    <message>
        <source>added {count} rows to {path} in {seconds} s</source>
        <translation>miamala {count} imeongezwa kwenye {path} kwa sekunde {seconds}</translation>
    </message>
    <message>
        <source>added {name} as {role}</source>
        <translation>{name} ameongezwa kama {role}</translation>
    </message>
    <message>
        <source>added {name} as {role} (the log&apos;s first user is its admin)</source>
        <translation>{name} ameongezwa kama {role} (mtumiaji wa kwanza wa kumbukumbu ndiye msimamizi wake)</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>kiasi</translation>
    </message>
    <message>
        <source>amount: {amount} is above this profile&apos;s limit of {cap} per payment</source>
        <translation>kiasi: {amount} kinazidi kikomo cha wasifu huu cha {cap} kwa kila malipo</translation>
    </message>
    <message>
        <source>amount: {amount} would take today&apos;s payouts to {total}, above this profile&apos;s daily limit of {cap} ({left} left today)</source>
        <translation>kiasi: {amount} kingefikisha malipo ya leo {total}, juu ya kikomo cha siku cha wasifu huu cha {cap} ({left} zimebaki leo)</translation>
    </message>
    <message>
        <source>amounts are written as a spreadsheet set to a language with decimal commas writes them (1.500 or 1500,00): format the amount column as whole numbers without separators (1500) and save the file again</source>
        <translation>kiasi kimeandikwa jinsi lahajedwali iliyowekwa kwa lugha yenye koma za desimali inavyoandika (1.500 au 1500,00): panga safu wima ya kiasi kama nambari kamili bila vitenganishi (1500) kisha uhifadhi faili tena</translation>
    </message>
    <message>
        <source>an admin</source>
        <translation>msimamizi</translation>
    </message>
    <message>
        <source>an admin does not disable themself: ask another admin</source>
        <translation>msimamizi hajizimi mwenyewe: muombe msimamizi mwingine</translation>
    </message>
    <message>
        <source>an approver</source>
        <translation>mwidhinishaji</translation>
    </message>
    <message>
        <source>an auditor</source>
        <translation>mkaguzi</translation>
    </message>
    <message>
        <source>an exponent (e) is not accepted</source>
        <translation>kipeo (e) hakikubaliwi</translation>
    </message>
    <message>
        <source>an operator</source>
        <translation>mwandaaji</translation>
    </message>
    <message>
        <source>appears twice in the header</source>
        <translation>inaonekana mara mbili kwenye kichwa</translation>
    </message>
    <message>
        <source>approve or decline payouts</source>
        <translation>kuidhinisha au kukataa malipo</translation>
    </message>
    <message>
        <source>approved by {user}</source>
        <translation>imeidhinishwa na {user}</translation>
    </message>
    <message>
        <source>at least {low} characters</source>
        <translation>angalau herufi {low}</translation>
    </message>
    <message>
        <source>at most {high} characters</source>
        <translation>herufi {high} kwa zaidi</translation>
    </message>
    <message>
        <source>back to the payer of receipt {receipt}</source>
        <translation>kurudi kwa mlipaji wa risiti {receipt}</translation>
    </message>
    <message>
        <source>base_url: required for a connection test</source>
        <translation>base_url: inahitajika kwa jaribio la muunganisho</translation>
    </message>
    <message>
        <source>base_url: required for a {kind} profile</source>
        <translation>base_url: inahitajika kwa wasifu wa aina ya {kind}</translation>
    </message>
    <message>
        <source>base_url: the offline profile uses the embedded simulator</source>
        <translation>base_url: wasifu wa nje ya mtandao (offline) hutumia kiigaji kilichojengwa ndani</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>haiwezi kusomwa ({reason})</translation>
    </message>
    <message>
        <source>cents are not accepted, only .00</source>
        <translation>senti hazikubaliwi, ila .00 tu</translation>
    </message>
    <message>
        <source>certificate info</source>
        <translation>taarifa za cheti</translation>
    </message>
    <message>
        <source>certificate: cannot read {path} ({reason}); import the certificate again in Settings</source>
        <translation>certificate: cheti {path} hakisomeki ({reason}); leta cheti tena katika Mipangilio</translation>
    </message>
    <message>
        <source>certificate: choose simulator, sandbox, production or a file</source>
        <translation>certificate: chagua simulator, sandbox, production au faili</translation>
    </message>
    <message>
        <source>certificate: could not be saved in {folder} ({reason})</source>
        <translation>certificate: cheti hakikuweza kuhifadhiwa kwenye {folder} ({reason})</translation>
    </message>
    <message>
        <source>certificate: it holds no RSA public key, so it cannot encrypt</source>
        <translation>certificate: cheti hakina ufunguo wa umma wa RSA, kwa hivyo hakiwezi kusimba</translation>
    </message>
    <message>
        <source>certificate: not a PEM or DER X.509 certificate</source>
        <translation>certificate: si cheti cha X.509 cha PEM au DER</translation>
    </message>
    <message>
        <source>changed the password of {name}</source>
        <translation>nenosiri la {name} limebadilishwa</translation>
    </message>
    <message>
        <source>column is missing from the header ({header})</source>
        <translation>safu wima haipo kwenye kichwa ({header})</translation>
    </message>
    <message>
        <source>columns: choose at least one column</source>
        <translation>safu wima: chagua angalau safu wima moja</translation>
    </message>
    <message>
        <source>columns: unknown column {column}; choose from {columns}</source>
        <translation>safu wima: {column} haijulikani; chagua kati ya {columns}</translation>
    </message>
    <message>
        <source>confirmed_amount: amounts above {threshold} must be typed a second time to confirm</source>
        <translation>kiasi cha kuthibitisha: kiasi kinachozidi {threshold} lazima kiandikwe mara ya pili kuthibitisha</translation>
    </message>
    <message>
        <source>confirmed_amount: the amount typed again does not match the amount; nothing was sent</source>
        <translation>kiasi cha kuthibitisha: kiasi kilichoandikwa tena hakilingani na kiasi; hakuna kilichotumwa</translation>
    </message>
    <message>
        <source>confirmed_total: {problem}; nothing was sent</source>
        <translation>confirmed_total: {problem}; hakuna kilichotumwa</translation>
    </message>
    <message>
        <source>consumer key</source>
        <translation>Ufunguo wa mtumiaji (consumer key)</translation>
    </message>
    <message>
        <source>consumer secret</source>
        <translation>Siri ya mtumiaji (consumer secret)</translation>
    </message>
    <message>
        <source>copied; point the profile at it: mpesa-desktop profile set {profile} --ledger {url}</source>
        <translation>imenakiliwa; elekeza wasifu kwake: mpesa-desktop profile set {profile} --ledger {url}</translation>
    </message>
    <message>
        <source>could not reach the relay at {server} ({reason})</source>
        <translation>imeshindwa kufikia relay ya {server} ({reason})</translation>
    </message>
    <message>
        <source>could not start the simulator on {host}:{port}: {reason}</source>
        <translation>kiigaji hakikuweza kuwashwa kwenye {host}:{port}: {reason}</translation>
    </message>
    <message>
        <source>could not write {path}: {reason}</source>
        <translation>{path} haikuweza kuandikwa: {reason}</translation>
    </message>
    <message>
        <source>declined by {user}</source>
        <translation>imekataliwa na {user}</translation>
    </message>
    <message>
        <source>digits must be grouped in threes, like 1,500 or 12,345,678</source>
        <translation>tarakimu lazima zipangwe tatu tatu, kama 1,500 au 12,345,678</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>amezimwa</translation>
    </message>
    <message>
        <source>disabled {name}</source>
        <translation>{name} amezimwa</translation>
    </message>
    <message>
        <source>does not match the file&apos;s total of {total}</source>
        <translation>hakilingani na jumla ya faili ya {total}</translation>
    </message>
    <message>
        <source>embedded simulator</source>
        <translation>kiigaji kilichojengwa ndani</translation>
    </message>
    <message>
        <source>entries {first} to {last} were deleted</source>
        <translation>maingizo {first} hadi {last} yalifutwa</translation>
    </message>
    <message>
        <source>entries {first} to {last} were deleted from the end of the trail</source>
        <translation>maingizo {first} hadi {last} yalifutwa kutoka mwisho wa kumbukumbu</translation>
    </message>
    <message>
        <source>entry {entry} does not follow entry {before} (the entry before it was changed or replaced)</source>
        <translation>ingizo {entry} halifuati ingizo {before} (ingizo lililotangulia lilibadilishwa au kubadilishwa kwa jingine)</translation>
    </message>
    <message>
        <source>entry {entry} was changed after it was written ({action} by {actor})</source>
        <translation>ingizo {entry} lilibadilishwa baada ya kuandikwa ({action} na {actor})</translation>
    </message>
    <message>
        <source>entry {entry} was deleted</source>
        <translation>ingizo {entry} lilifutwa</translation>
    </message>
    <message>
        <source>entry {entry}, the last, was changed or replaced</source>
        <translation>ingizo {entry}, la mwisho, lilibadilishwa au kubadilishwa kwa jingine</translation>
    </message>
    <message>
        <source>error: {problem}</source>
        <translation>hitilafu: {problem}</translation>
    </message>
    <message>
        <source>every payout needs one approver</source>
        <translation>kila malipo yanahitaji mwidhinishaji mmoja</translation>
    </message>
    <message>
        <source>export the log</source>
        <translation>kuhamisha kumbukumbu</translation>
    </message>
    <message>
        <source>exported {count} audit entries to {path}</source>
        <translation>maingizo {count} ya ukaguzi yamehamishwa hadi {path}</translation>
    </message>
    <message>
        <source>give a statement FILE or --pull, one of them</source>
        <translation>andika FILE ya taarifa au --pull, kimojawapo tu</translation>
    </message>
    <message>
        <source>initiator password</source>
        <translation>Nenosiri la mwanzishaji</translation>
    </message>
    <message>
        <source>initiator password must be 1 to {limit} bytes</source>
        <translation>nenosiri la mwanzishaji lazima liwe baiti 1 hadi {limit}</translation>
    </message>
    <message>
        <source>initiator password: {problem}</source>
        <translation>Nenosiri la mwanzishaji: {problem}</translation>
    </message>
    <message>
        <source>initiator: must not be blank</source>
        <translation>initiator: isiwe tupu</translation>
    </message>
    <message>
        <source>is required: amounts above the profile&apos;s retype threshold need the file&apos;s total typed a second time</source>
        <translation>inahitajika: kiasi kinachozidi kiwango cha kuandika upya cha wasifu kinahitaji jumla ya faili iandikwe mara ya pili</translation>
    </message>
    <message>
        <source>kind must be one of {kinds}, not {kind}</source>
        <translation>kind lazima iwe mojawapo ya {kinds}, si {kind}</translation>
    </message>
    <message>
        <source>kind: a profile&apos;s kind cannot change; add a new profile instead</source>
        <translation>kind: aina ya wasifu haiwezi kubadilishwa; ongeza wasifu mpya badala yake</translation>
    </message>
    <message>
        <source>ledger: sslmode={mode} would let the payments log cross the network unencrypted; a server on another machine needs one of {modes}</source>
        <translation>ledger: sslmode={mode} ingeruhusu kumbukumbu ya malipo kupita kwenye mtandao bila usimbaji fiche; seva iliyo kwenye kompyuta nyingine inahitaji mojawapo ya {modes}</translation>
    </message>
    <message>
        <source>ledger: the URL must name a database (postgresql://user@host/dbname)</source>
        <translation>ledger: URL lazima itaje hifadhidata (postgresql://user@host/dbname)</translation>
    </message>
    <message>
        <source>ledger: the URL must not hold a password (it would be written to the settings file); keep it in the keyring or the environment instead</source>
        <translation>ledger: URL isiwe na nenosiri (lingeandikwa kwenye faili ya mipangilio); liweke kwenye keyring au kwenye mazingira (environment) badala yake</translation>
    </message>
    <message>
        <source>ledger: the URL must start with postgresql://</source>
        <translation>ledger: URL lazima ianze na postgresql://</translation>
    </message>
    <message>
        <source>log {name}:</source>
        <translation>kumbukumbu ya {name}:</translation>
    </message>
    <message>
        <source>money_enabled: must be true or false</source>
        <translation>money_enabled: lazima iwe true au false</translation>
    </message>
    <message>
        <source>must be 0 or more</source>
        <translation>lazima iwe 0 au zaidi</translation>
    </message>
    <message>
        <source>must be a file name ending in .png (got {got})</source>
        <translation>lazima liwe jina la faili linaloishia na .png (imeandikwa {got})</translation>
    </message>
    <message>
        <source>must be a number of requests a second</source>
        <translation>lazima iwe idadi ya maombi kwa sekunde</translation>
    </message>
    <message>
        <source>must be a number of seconds</source>
        <translation>lazima iwe idadi ya sekunde</translation>
    </message>
    <message>
        <source>must be a number of seconds above 0, like 60 (got {got})</source>
        <translation>lazima iwe idadi ya sekunde zaidi ya 0, kama 60 (imeandikwa {got})</translation>
    </message>
    <message>
        <source>must be above 0 and at most {high}</source>
        <translation>lazima iwe zaidi ya 0 na isizidi {high}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>jina</translation>
    </message>
    <message>
        <source>name: a profile named &apos;{name}&apos; already exists</source>
        <translation>name: wasifu unaoitwa &apos;{name}&apos; tayari upo</translation>
    </message>
    <message>
        <source>no approval: payouts are sent at once</source>
        <translation>hakuna idhini: malipo yanatumwa mara moja</translation>
    </message>
    <message>
        <source>no profile named &apos;{name}&apos; (profiles: {known})</source>
        <translation>hakuna wasifu unaoitwa &apos;{name}&apos; (wasifu uliopo: {known})</translation>
    </message>
    <message>
        <source>no transaction with reference {reference} in the log</source>
        <translation>hakuna muamala wenye rejea {reference} kwenye kumbukumbu</translation>
    </message>
    <message>
        <source>no transaction {reference} in this log</source>
        <translation>hakuna muamala {reference} kwenye kumbukumbu hii</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>haijawekwa</translation>
    </message>
    <message>
        <source>only the profile named &apos;offline&apos; is of kind offline</source>
        <translation>ni wasifu uitwao &apos;offline&apos; pekee ulio wa aina ya offline</translation>
    </message>
    <message>
        <source>password must be at least {count} characters</source>
        <translation>nenosiri lazima liwe na angalau herufi {count}</translation>
    </message>
    <message>
        <source>password must not start or end with a space</source>
        <translation>nenosiri lisianze wala kuishia na nafasi</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>simu</translation>
    </message>
    <message>
        <source>profile name must be 1 to 40 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit</source>
        <translation>jina la wasifu lazima liwe na herufi, tarakimu, &apos;.&apos;, &apos;_&apos; au &apos;-&apos; 1 hadi 40, likianza na herufi au tarakimu</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>risiti</translation>
    </message>
    <message>
        <source>receipt {receipt}</source>
        <translation>risiti {receipt}</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>rejea</translation>
    </message>
    <message>
        <source>relay callback secret</source>
        <translation>Siri ya majibu ya relay</translation>
    </message>
    <message>
        <source>relay init: {problem}</source>
        <translation>relay init: {problem}</translation>
    </message>
    <message>
        <source>relay token</source>
        <translation>Tokeni ya relay</translation>
    </message>
    <message>
        <source>relay: --dir DIR is required (create one with: relay init --dir DIR)</source>
        <translation>relay: --dir DIR inahitajika (unda moja kwa: relay init --dir DIR)</translation>
    </message>
    <message>
        <source>relay: --port must be from 0 to 65535</source>
        <translation>relay: --port lazima iwe kuanzia 0 hadi 65535</translation>
    </message>
    <message>
        <source>relay: cannot listen on {host}:{port} ({reason})</source>
        <translation>relay: haiwezi kusikiliza kwenye {host}:{port} ({reason})</translation>
    </message>
    <message>
        <source>relay: {problem}</source>
        <translation>relay: {problem}</translation>
    </message>
    <message>
        <source>relay_url: give the relay&apos;s address only (like https://relay.example.co.ke), without {path}&lt;secret&gt;: the callback secret is a secret, kept in the keyring (mpesa-desktop profile set-secret {name} {secret})</source>
        <translation>relay_url: weka anwani ya relay pekee (kama https://relay.example.co.ke), bila {path}&lt;secret&gt;: siri ya majibu ni siri, inayohifadhiwa katika hifadhi ya siri (mpesa-desktop profile set-secret {name} {secret})</translation>
    </message>
    <message>
        <source>repeat_window_hours: must be a whole number of hours from 0 (no warning) to {hours}</source>
        <translation>repeat_window_hours: lazima iwe idadi kamili ya saa kuanzia 0 (hakuna onyo) hadi {hours}</translation>
    </message>
    <message>
        <source>result and timeout URLs:</source>
        <translation>URL za matokeo na za muda kuisha:</translation>
    </message>
    <message>
        <source>role must be one of {roles} (got {got})</source>
        <translation>jukumu lazima liwe mojawapo ya {roles} (imeandikwa {got})</translation>
    </message>
    <message>
        <source>row</source>
        <translation>safu</translation>
    </message>
    <message>
        <source>row {row}: warning: {phone} was already paid {amount} at {when} ({reference}, {status})</source>
        <translation>safu {row}: onyo: {phone} tayari alilipwa {amount} tarehe {when} ({reference}, {status})</translation>
    </message>
    <message>
        <source>row {row}: {line}</source>
        <translation>safu {row}: {line}</translation>
    </message>
    <message>
        <source>same rows, same checksum</source>
        <translation>safu zilezile, checksum ileile</translation>
    </message>
    <message>
        <source>secrets (keyring):</source>
        <translation>siri (hifadhi ya siri):</translation>
    </message>
    <message>
        <source>secrets (session memory only):</source>
        <translation>siri (kumbukumbu ya kipindi hiki pekee):</translation>
    </message>
    <message>
        <source>set</source>
        <translation>imewekwa</translation>
    </message>
    <message>
        <source>showing {shown} of {count}; total {total}</source>
        <translation>miamala {shown} kati ya {count} inaonyeshwa; jumla {total}</translation>
    </message>
    <message>
        <source>skipped, {money} was sent by an earlier run (run {run}) at {when}: {status} ({reference})</source>
        <translation>imerukwa, {money} ilitumwa katika utumaji wa awali (utumaji {run}) tarehe {when}: {status} ({reference})</translation>
    </message>
    <message>
        <source>skipped, {money} was sent by an earlier run at {when}: {status} ({reference})</source>
        <translation>imerukwa, {money} ilitumwa katika utumaji wa awali tarehe {when}: {status} ({reference})</translation>
    </message>
    <message>
        <source>some amounts are above the profile&apos;s retype threshold: type the file&apos;s total again</source>
        <translation>baadhi ya viasi vinazidi kiwango cha wasifu cha kuandikwa tena: andika tena jumla ya faili</translation>
    </message>
    <message>
        <source>status</source>
        <translation>hali</translation>
    </message>
    <message>
        <source>status must be one of {choices} (got {got})</source>
        <translation>hali lazima iwe mojawapo ya {choices} (imeandikwa {got})</translation>
    </message>
    <message>
        <source>stdin line {number}: expected KEY=VALUE</source>
        <translation>mstari {number} wa stdin: KEY=VALUE ilitarajiwa</translation>
    </message>
    <message>
        <source>stdin line {number}: unknown secret &apos;{key}&apos; (use {names})</source>
        <translation>mstari {number} wa stdin: siri &apos;{key}&apos; haijulikani (tumia {names})</translation>
    </message>
    <message>
        <source>switch to LIVE money</source>
        <translation>kubadili hadi pesa HALISI</translation>
    </message>
    <message>
        <source>team ledger password</source>
        <translation>Nenosiri la daftari la timu</translation>
    </message>
    <message>
        <source>test_msisdn: must be 2547XXXXXXXX or 2541XXXXXXXX</source>
        <translation>test_msisdn: lazima iwe 2547XXXXXXXX au 2541XXXXXXXX</translation>
    </message>
    <message>
        <source>text search needs at least {count} characters</source>
        <translation>utafutaji wa maandishi unahitaji angalau herufi {count}</translation>
    </message>
    <message>
        <source>the certificate does not hold an RSA public key</source>
        <translation>cheti hakina ufunguo wa umma wa RSA</translation>
    </message>
    <message>
        <source>the config file {path} could not be saved ({reason})</source>
        <translation>faili ya mipangilio {path} haikuweza kuhifadhiwa ({reason})</translation>
    </message>
    <message>
        <source>the config file {path} is not valid TOML: {error}</source>
        <translation>faili ya mipangilio {path} si TOML halali: {error}</translation>
    </message>
    <message>
        <source>the config file {path}, profile &apos;{name}&apos;</source>
        <translation>faili ya mipangilio {path}, wasifu &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>the config file {path}: [profiles] must be a table</source>
        <translation>faili ya mipangilio {path}: [profiles] lazima iwe jedwali</translation>
    </message>
    <message>
        <source>the copied rows break a rule of the team ledger ({rule}); mend the desk&apos;s log and copy again (what is copied stays)</source>
        <translation>safu zilizonakiliwa zinavunja kanuni ya kumbukumbu ya timu ({rule}); rekebisha kumbukumbu ya dawati hili kisha unakili tena (kilichonakiliwa kinabaki)</translation>
    </message>
    <message>
        <source>the offline profile is built in and cannot be removed</source>
        <translation>wasifu wa offline umejengwa ndani na hauwezi kuondolewa</translation>
    </message>
    <message>
        <source>the relay answered HTTP {status}</source>
        <translation>relay ilijibu HTTP {status}</translation>
    </message>
    <message>
        <source>the relay refused the poller token</source>
        <translation>relay imekataa tokeni ya poller</translation>
    </message>
    <message>
        <source>the relay&apos;s feed answer is not in the expected form</source>
        <translation>jibu la mlisho wa relay haliko katika muundo unaotarajiwa</translation>
    </message>
    <message>
        <source>the team ledger holds other rows than this log: check it before pointing the profile at it</source>
        <translation>kumbukumbu ya timu ina safu tofauti na za kumbukumbu hii: ikague kabla ya kuelekeza wasifu kwake</translation>
    </message>
    <message>
        <source>there is already a user {name}</source>
        <translation>tayari kuna mtumiaji {name}</translation>
    </message>
    <message>
        <source>there is no user {name}</source>
        <translation>hakuna mtumiaji {name}</translation>
    </message>
    <message>
        <source>this log is in a PostgreSQL database ({where}), not in a file</source>
        <translation>kumbukumbu hii iko katika hifadhidata ya PostgreSQL ({where}), si katika faili</translation>
    </message>
    <message>
        <source>to business {business}</source>
        <translation>kwa biashara {business}</translation>
    </message>
    <message>
        <source>to business {business}, account {account}</source>
        <translation>kwa biashara {business}, akaunti {account}</translation>
    </message>
    <message>
        <source>to phone {phone}</source>
        <translation>kwa simu {phone}</translation>
    </message>
    <message>
        <source>to {action}, run this at a terminal to confirm, or add --yes-live</source>
        <translation>ili {action}, endesha amri hii kwenye terminali kuthibitisha, au ongeza --yes-live</translation>
    </message>
    <message>
        <source>unknown profile setting(s): {settings}</source>
        <translation>mipangilio ya wasifu isiyojulikana: {settings}</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>haisomeki</translation>
    </message>
    <message>
        <source>user name must be 2 to 32 characters: lower-case letters, digits and &apos;_&apos;, starting with a letter (got {got})</source>
        <translation>jina la mtumiaji lazima liwe herufi 2 hadi 32: herufi ndogo, tarakimu na &apos;_&apos;, likianza na herufi (imeandikwa {got})</translation>
    </message>
    <message>
        <source>{action}, {money}: {reason}</source>
        <translation>{action}, {money}: {reason}</translation>
    </message>
    <message>
        <source>{action}, {money}: {status} ({reference})</source>
        <translation>{action}, {money}: {status} ({reference})</translation>
    </message>
    <message>
        <source>{amount} to {phone}</source>
        <translation>{amount} kwa {phone}</translation>
    </message>
    <message>
        <source>{category} ({count}):</source>
        <translation>{category} ({count}):</translation>
    </message>
    <message>
        <source>{count} payout(s) in this log are being sent right now; close the app on this desk (they become unknown) and copy again</source>
        <translation>malipo {count} katika kumbukumbu hii yanatumwa sasa hivi; funga programu kwenye dawati hili (yatakuwa hayajulikani) kisha unakili tena</translation>
    </message>
    <message>
        <source>{count} row repeats a payment made in the last 48 hours; nothing was sent. Check them (mpesa-desktop log), then run again with --allow-repeats to pay them anyway.</source>
        <translation>Safu {count} inarudia malipo yaliyofanywa ndani ya saa 48 zilizopita; hakuna kilichotumwa. Ikague (mpesa-desktop log), kisha endesha tena na --allow-repeats ili kuilipa hata hivyo.</translation>
    </message>
    <message>
        <source>{count} rows repeat a payment made in the last 48 hours; nothing was sent. Check them (mpesa-desktop log), then run again with --allow-repeats to pay them anyway.</source>
        <translation>Safu {count} zinarudia malipo yaliyofanywa ndani ya saa 48 zilizopita; hakuna kilichotumwa. Zikague (mpesa-desktop log), kisha endesha tena na --allow-repeats ili kuzilipa hata hivyo.</translation>
    </message>
    <message>
        <source>{count} rows: {statuses}.</source>
        <translation>Safu {count}: {statuses}.</translation>
    </message>
    <message>
        <source>{count} rows: {statuses}. Paid: {paid}.</source>
        <translation>Safu {count}: {statuses}. Kiasi kilicholipwa: {paid}.</translation>
    </message>
    <message>
        <source>{count} rows; total {total}</source>
        <translation>miamala {count}; jumla {total}</translation>
    </message>
    <message>
        <source>{field}: {rule}</source>
        <translation>{field}: {rule}</translation>
    </message>
    <message>
        <source>{file} line {line}: an amount in both &apos;Paid In&apos; and &apos;Withdrawn&apos; ({paid_in}, {withdrawn}): which way did it go?</source>
        <translation>{file} mstari {line}: kiasi kiko katika &apos;Paid In&apos; na &apos;Withdrawn&apos; zote mbili ({paid_in}, {withdrawn}): pesa zilienda upande gani?</translation>
    </message>
    <message>
        <source>{file} line {line}: the column {column} is given twice</source>
        <translation>{file} mstari {line}: safu wima {column} imetolewa mara mbili</translation>
    </message>
    <message>
        <source>{file} line {line}: the header lacks {columns}</source>
        <translation>{file} mstari {line}: kichwa hakina {columns}</translation>
    </message>
    <message>
        <source>{file}: no header row naming {column} in its first {count} lines (is it the Org Portal&apos;s statement export?)</source>
        <translation>{file}: hakuna mstari wa kichwa unaotaja {column} katika mistari yake {count} ya kwanza (je, ni taarifa iliyohamishwa kutoka Org Portal?)</translation>
    </message>
    <message>
        <source>{file}: not a readable XLSX workbook ({reason})</source>
        <translation>{file}: si kitabu cha XLSX kinachosomeka ({reason})</translation>
    </message>
    <message>
        <source>{meaning} Daraja said: {text}</source>
        <translation>{meaning} Daraja ilisema: {text}</translation>
    </message>
    <message>
        <source>{name} already exists: choose a new name (nothing is overwritten)</source>
        <translation>{name} tayari ipo: chagua jina jipya (hakuna kinachofutwa juu yake)</translation>
    </message>
    <message>
        <source>{option}: must be a date like 2026-11-28 (got {got})</source>
        <translation>{option}: lazima iwe tarehe kama 2026-11-28 (imeandikwa {got})</translation>
    </message>
    <message>
        <source>{option}: must be a day like 2026-11-28 or a time like &apos;2026-11-28 14:00&apos; (got {got})</source>
        <translation>{option}: lazima iwe siku kama 2026-11-28 au saa kama &apos;2026-11-28 14:00&apos; (imeandikwa {got})</translation>
    </message>
    <message>
        <source>{option}: {problem}</source>
        <translation>{option}: {problem}</translation>
    </message>
    <message>
        <source>{path} is already a relay directory (it has {file}); remove it first to start over with new secrets</source>
        <translation>{path} tayari ni folda ya relay (ina {file}); iondoe kwanza ili kuanza upya na siri mpya</translation>
    </message>
    <message>
        <source>{path} is not a relay directory (no {file}); create it with: mpesa-desktop relay init --dir DIR</source>
        <translation>{path} si folda ya relay (haina {file}); iunde kwa: mpesa-desktop relay init --dir DIR</translation>
    </message>
    <message>
        <source>{path}: allow_safaricom_only must be true or false</source>
        <translation>{path}: allow_safaricom_only lazima iwe true au false</translation>
    </message>
    <message>
        <source>{path}: callback_secret contains a word Daraja refuses in callback URLs</source>
        <translation>{path}: callback_secret ina neno ambalo Daraja hulikataa katika URL za majibu</translation>
    </message>
    <message>
        <source>{path}: callback_secret is missing</source>
        <translation>{path}: callback_secret haipo</translation>
    </message>
    <message>
        <source>{path}: cannot read it ({reason})</source>
        <translation>{path}: haiwezi kusomwa ({reason})</translation>
    </message>
    <message>
        <source>{path}: environment must be one of {choices}</source>
        <translation>{path}: environment lazima iwe mojawapo ya {choices}</translation>
    </message>
    <message>
        <source>{path}: limits must be an object</source>
        <translation>{path}: limits lazima iwe kitu cha JSON (object)</translation>
    </message>
    <message>
        <source>{path}: limits.{key} is not a limit (known: {known})</source>
        <translation>{path}: limits.{key} si kikomo (vinavyojulikana: {known})</translation>
    </message>
    <message>
        <source>{path}: limits.{key} must be a number of seconds above 0</source>
        <translation>{path}: limits.{key} lazima iwe idadi ya sekunde zaidi ya 0</translation>
    </message>
    <message>
        <source>{path}: limits.{key} must be a whole number above 0</source>
        <translation>{path}: limits.{key} lazima iwe nambari kamili zaidi ya 0</translation>
    </message>
    <message>
        <source>{path}: must hold a JSON object</source>
        <translation>{path}: lazima iwe na kitu cha JSON (object)</translation>
    </message>
    <message>
        <source>{path}: secrets may only hold letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation>{path}: siri zinaweza kuwa na herufi, tarakimu, &apos;-&apos; na &apos;_&apos; pekee</translation>
    </message>
    <message>
        <source>{path}: token is missing</source>
        <translation>{path}: token haipo</translation>
    </message>
    <message>
        <source>{path}: token must differ from callback_secret</source>
        <translation>{path}: token lazima iwe tofauti na callback_secret</translation>
    </message>
    <message>
        <source>{path}: {key} must be a list of addresses</source>
        <translation>{path}: {key} lazima iwe orodha ya anwani</translation>
    </message>
    <message>
        <source>{reference} has neither a receipt nor an OriginatorConversationID</source>
        <translation>{reference} haina risiti wala OriginatorConversationID</translation>
    </message>
    <message>
        <source>{reference} has no CheckoutRequestID (is it an STK push?)</source>
        <translation>{reference} haina CheckoutRequestID (je, ni STK push?)</translation>
    </message>
    <message>
        <source>{reference} is not a completed payment with an M-Pesa receipt: it has no receipt to print</source>
        <translation>{reference} si malipo yaliyokamilika yenye risiti ya M-PESA: haina risiti ya kuchapisha</translation>
    </message>
    <message>
        <source>{reference} resolved as {status}: {result}</source>
        <translation>{reference} imesuluhishwa kama {status}: {result}</translation>
    </message>
    <message>
        <source>{setting}: must be 1 or more</source>
        <translation>{setting}: lazima iwe 1 au zaidi</translation>
    </message>
    <message>
        <source>{setting}: must be a whole number of shillings</source>
        <translation>{setting}: lazima iwe idadi kamili ya shilingi</translation>
    </message>
    <message>
        <source>{setting}: must be an http:// or https:// URL with a host</source>
        <translation>{setting}: lazima iwe URL ya http:// au https:// yenye seva (host)</translation>
    </message>
    <message>
        <source>{setting}: must not contain spaces</source>
        <translation>{setting}: isiwe na nafasi</translation>
    </message>
    <message>
        <source>{setting}: must use https for a custom server that is not loopback</source>
        <translation>{setting}: lazima itumie https kwa seva maalum isiyo kwenye kompyuta hii (loopback)</translation>
    </message>
    <message>
        <source>{setting}: must use https for production</source>
        <translation>{setting}: lazima itumie https katika mazingira halisi</translation>
    </message>
    <message>
        <source>{setting}: {rule}</source>
        <translation>{setting}: {rule}</translation>
    </message>
    <message>
        <source>{source} row {line}: not a transaction ({item})</source>
        <translation>{source} safu {line}: si muamala ({item})</translation>
    </message>
    <message>
        <source>{source}: more than {count} pages: ask for a shorter range</source>
        <translation>{source}: zaidi ya kurasa {count}: omba kipindi kifupi zaidi</translation>
    </message>
    <message>
        <source>{table} copied {copied}  rows {source} -&gt; {target}  {verdict}</source>
        <translation>{table} zilizonakiliwa {copied}  safu {source} -&gt; {target}  {verdict}</translation>
    </message>
    <message>
        <source>{when}  {reference}  {operation} {amount}  to {payee}  by {maker} {given}/{needed} approved</source>
        <translation>{when}  {reference}  {operation} {amount}  kwa {payee}  na {maker} idhini {given}/{needed}</translation>
    </message>
    <message>
        <source>{where}: kind is missing</source>
        <translation>{where}: kind haipo</translation>
    </message>
    <message>
        <source>{where}: must be a table</source>
        <translation>{where}: lazima iwe jedwali</translation>
    </message>
    <message>
        <source>{where}: unknown setting(s) {settings}</source>
        <translation>{where}: mipangilio isiyojulikana {settings}</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>far more than any payment</source>
        <translation>kubwa mno kuliko malipo yoyote</translation>
    </message>
    <message>
        <source>file</source>
        <translation>faili</translation>
    </message>
    <message>
        <source>give the M-Pesa receipt or the originator conversation ID</source>
        <translation>andika risiti ya M-PESA au kitambulisho cha mwanzo (originator conversation ID)</translation>
    </message>
    <message>
        <source>has a header but no payee rows</source>
        <translation>ina kichwa lakini haina safu za wapokeaji</translation>
    </message>
    <message>
        <source>has more than {count} payees: split it</source>
        <translation>ina wapokeaji zaidi ya {count}: igawanye</translation>
    </message>
    <message>
        <source>has {cells} cells but the header has {columns} columns</source>
        <translation>ina visanduku {cells} lakini kichwa kina safu wima {columns}</translation>
    </message>
    <message>
        <source>is ambiguous in a file separated by semicolons, where a comma marks decimals: write it without the comma (1500)</source>
        <translation>kina utata katika faili iliyotenganishwa kwa nukta-mkato, ambapo koma huonyesha desimali: kiandike bila koma (1500)</translation>
    </message>
    <message>
        <source>is empty; expected the header {header} and one row per payee</source>
        <translation>haina kitu; kichwa {header} na safu moja kwa kila mpokeaji vilitarajiwa</translation>
    </message>
    <message>
        <source>is larger than {count} bytes</source>
        <translation>ni kubwa kuliko baiti {count}</translation>
    </message>
    <message>
        <source>is more than the original payment of {amount}</source>
        <translation>kinazidi malipo ya awali ya {amount}</translation>
    </message>
    <message>
        <source>is not UTF-8 text (save it as &quot;CSV UTF-8&quot;)</source>
        <translation>si maandishi ya UTF-8 (ihifadhi kama &quot;CSV UTF-8&quot;)</translation>
    </message>
    <message>
        <source>is not a field of {operation}</source>
        <translation>si sehemu ya {operation}</translation>
    </message>
    <message>
        <source>is not a known column; the header is {header}</source>
        <translation>si safu wima inayojulikana; kichwa ni {header}</translation>
    </message>
    <message>
        <source>is not a readable CSV file ({reason})</source>
        <translation>si faili ya CSV inayosomeka ({reason})</translation>
    </message>
    <message>
        <source>is not a readable XLSX workbook ({reason})</source>
        <translation>si kitabu cha XLSX kinachosomeka ({reason})</translation>
    </message>
    <message>
        <source>is only for a payment resolved as completed</source>
        <translation>ni kwa malipo yaliyosuluhishwa kama yamekamilika tu</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>inahitajika</translation>
    </message>
    <message>
        <source>is required for a paybill payment</source>
        <translation>inahitajika kwa malipo ya Lipa Bili</translation>
    </message>
    <message>
        <source>is required: write why (what you checked, with whom)</source>
        <translation>inahitajika: andika kwa nini (ulichoangalia, na nani)</translation>
    </message>
    <message>
        <source>logged as {reference} ({status})</source>
        <translation>imerekodiwa kama {reference} ({status})</translation>
    </message>
    <message>
        <source>longer than {count} characters</source>
        <translation>ndefu kuliko herufi {count}</translation>
    </message>
    <message>
        <source>manage users and policies</source>
        <translation>kusimamia watumiaji na sera</translation>
    </message>
    <message>
        <source>money moves only after confirmation: add --yes (stdin is not a terminal)</source>
        <translation>pesa huhamishwa tu baada ya kuthibitisha: ongeza --yes (stdin si terminali)</translation>
    </message>
    <message>
        <source>mpesa-desktop profile set NAME --relay-url https://YOUR-HOST</source>
        <translation>mpesa-desktop profile set JINA --relay-url https://YOUR-HOST</translation>
    </message>
    <message>
        <source>mpesa-desktop profile set-secret NAME {key} (asks for it)</source>
        <translation>mpesa-desktop profile set-secret JINA {key} (itakuuliza)</translation>
    </message>
    <message>
        <source>mpesa-desktop: {problem}</source>
        <translation>mpesa-desktop: {problem}</translation>
    </message>
    <message>
        <source>must be a 10-character M-Pesa receipt like NLJ7RT61SV</source>
        <translation>lazima iwe risiti ya M-PESA ya herufi 10 kama NLJ7RT61SV</translation>
    </message>
    <message>
        <source>must be a Kenyan mobile number like 0712 345 678</source>
        <translation>lazima iwe nambari ya simu ya Kenya kama 0712 345 678</translation>
    </message>
    <message>
        <source>must be a shortcode of 5 to 9 digits</source>
        <translation>lazima iwe nambari ya biashara ya tarakimu 5 hadi 9</translation>
    </message>
    <message>
        <source>must be a single line</source>
        <translation>lazima iwe mstari mmoja</translation>
    </message>
    <message>
        <source>must be a time like 2026-11-28 14:00:00 (East Africa Time) or a date</source>
        <translation>lazima iwe saa kama 2026-11-28 14:00:00 (saa za Afrika Mashariki) au tarehe</translation>
    </message>
    <message>
        <source>must be a web address like https://example.com/callback</source>
        <translation>lazima iwe anwani ya wavuti kama https://example.com/callback</translation>
    </message>
    <message>
        <source>must be a whole number from 0</source>
        <translation>lazima iwe nambari kamili kuanzia 0</translation>
    </message>
    <message>
        <source>must be after the start</source>
        <translation>lazima iwe baada ya mwanzo</translation>
    </message>
    <message>
        <source>must be at most {high} characters (got {got})</source>
        <translation>lazima iwe herufi {high} kwa zaidi (zimeandikwa {got})</translation>
    </message>
    <message>
        <source>must be at most {high} shillings</source>
        <translation>lazima iwe shilingi {high} kwa zaidi</translation>
    </message>
    <message>
        <source>must be one of: {choices}</source>
        <translation>lazima iwe mojawapo ya: {choices}</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>lazima iwe maandishi</translation>
    </message>
    <message>
        <source>must be whole shillings, at least {low}</source>
        <translation>lazima iwe shilingi kamili, angalau {low}</translation>
    </message>
    <message>
        <source>must be whole shillings{bounds}, written like 1,500 (got &apos;{got}&apos;: {reason})</source>
        <translation>lazima iwe shilingi kamili{bounds}, zilizoandikwa kama 1,500 (imeandikwa &apos;{got}&apos;: {reason})</translation>
    </message>
    <message>
        <source>must be {choices}</source>
        <translation>lazima iwe {choices}</translation>
    </message>
    <message>
        <source>must be {choices} (got {got})</source>
        <translation>lazima iwe {choices} (imeandikwa {got})</translation>
    </message>
    <message>
        <source>must be {low} to {high} characters</source>
        <translation>lazima iwe herufi {low} hadi {high}</translation>
    </message>
    <message>
        <source>must be {low} to {high} shillings</source>
        <translation>lazima iwe shilingi {low} hadi {high}</translation>
    </message>
    <message>
        <source>must not contain spaces</source>
        <translation>isiwe na nafasi</translation>
    </message>
    <message>
        <source>must not contain the word &apos;{word}&apos; (Daraja refuses it)</source>
        <translation>isiwe na neno &apos;{word}&apos; (Daraja hulikataa)</translation>
    </message>
    <message>
        <source>must start with https:// (http only for this computer)</source>
        <translation>lazima ianze na https:// (http kwa kompyuta hii tu)</translation>
    </message>
    <message>
        <source>must start with https:// in production</source>
        <translation>lazima ianze na https:// katika mazingira halisi</translation>
    </message>
    <message>
        <source>no column of the file is chosen for it</source>
        <translation>hakuna safu wima ya faili iliyochaguliwa kwa ajili yake</translation>
    </message>
    <message>
        <source>nothing was written</source>
        <translation>hakuna kilichoandikwa</translation>
    </message>
    <message>
        <source>only Kenyan shillings (KES) are accepted</source>
        <translation>shilingi za Kenya (KES) tu ndizo zinakubaliwa</translation>
    </message>
    <message>
        <source>only the digits 0-9 are accepted</source>
        <translation>tarakimu 0-9 tu ndizo zinakubaliwa</translation>
    </message>
    <message>
        <source>payouts above KES {amount} need one approver</source>
        <translation>malipo ya zaidi ya KES {amount} yanahitaji mwidhinishaji mmoja</translation>
    </message>
    <message>
        <source>pays {phone} the same amount as row {row}; an identical payment is refused while the first is in flight: merge the two rows, or pay one in another file</source>
        <translation>inalipa {phone} kiasi kilekile kama safu {row}; malipo yanayofanana hukataliwa wakati ya kwanza bado yanashughulikiwa: unganisha safu hizo mbili, au lipa moja katika faili nyingine</translation>
    </message>
    <message>
        <source>policy version {version}: {policy}</source>
        <translation>sera toleo {version}: {policy}</translation>
    </message>
    <message>
        <source>read or export the audit trail</source>
        <translation>kusoma au kuhamisha kumbukumbu za ukaguzi</translation>
    </message>
    <message>
        <source>read the log</source>
        <translation>kusoma kumbukumbu</translation>
    </message>
    <message>
        <source>resolve transactions</source>
        <translation>kutatua miamala</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>safu {row}</translation>
    </message>
    <message>
        <source>send or prepare payments</source>
        <translation>kutuma au kuandaa malipo</translation>
    </message>
    <message>
        <source>that is not a number</source>
        <translation>hiyo si nambari</translation>
    </message>
    <message>
        <source>the answer holds no {key} image (base64): nothing written to {path}</source>
        <translation>jibu halina picha ya {key} (base64): hakuna kilichoandikwa kwenye {path}</translation>
    </message>
    <message>
        <source>the approval policy changed after {reference} was submitted (version {then}, now {now}): decline it and submit it again under the policy in force</source>
        <translation>sera ya idhini ilibadilika baada ya {reference} kuwasilishwa (toleo {then}, sasa {now}): yakatae na uyawasilishe upya chini ya sera iliyopo</translation>
    </message>
    <message>
        <source>the audit trail is whole: {count} entries, none changed or deleted</source>
        <translation>kumbukumbu ya ukaguzi ni kamili: maingizo {count}, hakuna lililobadilishwa wala kufutwa</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>folda {folder} haipo</translation>
    </message>
    <message>
        <source>the log refused it: {reason}</source>
        <translation>kumbukumbu imekataa: {reason}</translation>
    </message>
    <message>
        <source>the team ledger refused the login of {user} ({reason})</source>
        <translation>kumbukumbu ya timu imekataa kuingia kwa {user} ({reason})</translation>
    </message>
    <message>
        <source>the trail&apos;s last entry is not recorded (the log was edited)</source>
        <translation>ingizo la mwisho la kumbukumbu halijarekodiwa (kumbukumbu ilihaririwa)</translation>
    </message>
    <message>
        <source>the two passwords differ: nothing was changed</source>
        <translation>manenosiri hayo mawili yanatofautiana: hakuna kilichobadilishwa</translation>
    </message>
    <message>
        <source>this desk is connected as {login}: on a team ledger {user} signs in with their own database login</source>
        <translation>dawati hili limeunganishwa kama {login}: kwenye kumbukumbu ya timu {user} huingia kwa akaunti yake mwenyewe ya hifadhidata</translation>
    </message>
    <message>
        <source>this log has users: sign in first (--user NAME, or the window&apos;s sign-in)</source>
        <translation>kumbukumbu hii ina watumiaji: ingia kwanza (--user JINA, au kuingia kwenye dirisha)</translation>
    </message>
    <message>
        <source>too many wrong passwords for {user}: try again in {seconds} s</source>
        <translation>manenosiri mengi yasiyo sahihi kwa {user}: jaribu tena baada ya sekunde {seconds}</translation>
    </message>
    <message>
        <source>turn on LIVE money</source>
        <translation>kuwasha pesa HALISI</translation>
    </message>
    <message>
        <source>underscores are not accepted</source>
        <translation>mistari ya chini (_) haikubaliwi</translation>
    </message>
    <message>
        <source>was already refunded on {when}</source>
        <translation>ilirejeshewa pesa tayari tarehe {when}</translation>
    </message>
    <message>
        <source>write KES before the amount</source>
        <translation>andika KES kabla ya kiasi</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>jina la mtumiaji au nenosiri si sahihi</translation>
    </message>
    <message>
        <source>{count} awaiting approval</source>
        <translation>{count} yanasubiri idhini</translation>
    </message>
    <message>
        <source>{first}; above KES {amount}, two approvers</source>
        <translation>{first}; zaidi ya KES {amount}, waidhinishaji wawili</translation>
    </message>
    <message>
        <source>{key}: must be a whole number of hours from 0 (no warning) to {high} (got &apos;{got}&apos;)</source>
        <translation>{key}: lazima iwe idadi kamili ya saa kuanzia 0 (hakuna onyo) hadi {high} (imeandikwa &apos;{got}&apos;)</translation>
    </message>
    <message>
        <source>{key}: must be a whole number of shillings; empty or &apos;{none}&apos; means no limit (got &apos;{got}&apos;: {reason})</source>
        <translation>{key}: lazima iwe idadi kamili ya shilingi; wazi au &apos;{none}&apos; inamaanisha hakuna kikomo (imeandikwa &apos;{got}&apos;: {reason})</translation>
    </message>
    <message>
        <source>{name} {role} {state} since {when}</source>
        <translation>{name} {role} {state} tangu {when}</translation>
    </message>
    <message>
        <source>{path} already exists</source>
        <translation>{path} tayari ipo</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name</source>
        <translation>{path} ni folda; andika jina la faili</translation>
    </message>
    <message>
        <source>{payout} (prepared by {maker})</source>
        <translation>{payout} (yameandaliwa na {maker})</translation>
    </message>
    <message>
        <source>{place}, {column}</source>
        <translation>{place}, {column}</translation>
    </message>
    <message>
        <source>{reference} is &apos;{status}&apos;, not awaiting approval</source>
        <translation>{reference} iko &apos;{status}&apos;, haisubiri idhini</translation>
    </message>
    <message>
        <source>{reference} is &apos;{status}&apos;, not awaiting approval ({done})</source>
        <translation>{reference} iko &apos;{status}&apos;, haisubiri idhini ({done})</translation>
    </message>
    <message>
        <source>{reference}: approved and sent: {status}</source>
        <translation>{reference}: imeidhinishwa na kutumwa: {status}</translation>
    </message>
    <message>
        <source>{reference}: approved and sent: {status} ({result})</source>
        <translation>{reference}: imeidhinishwa na kutumwa: {status} ({result})</translation>
    </message>
    <message>
        <source>{reference}: approved; it waits for another approver</source>
        <translation>{reference}: imeidhinishwa; inasubiri mwidhinishaji mwingine</translation>
    </message>
    <message>
        <source>{reference}: declined ({reason})</source>
        <translation>{reference}: imekataliwa ({reason})</translation>
    </message>
    <message>
        <source>{secret} for {name} (hidden; empty clears): </source>
        <translation>{secret} ya {name} (imefichwa; ukiacha wazi inafutwa): </translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} hadi {end}</translation>
    </message>
    <message>
        <source>{start} to {end} (expired)</source>
        <translation>{start} hadi {end} (muda umeisha)</translation>
    </message>
    <message>
        <source>{subject}, valid {dates}</source>
        <translation>{subject}, halali {dates}</translation>
    </message>
    <message>
        <source>{subject}, valid {dates}; {note}</source>
        <translation>{subject}, halali {dates}; {note}</translation>
    </message>
    <message>
        <source>{user} has already approved {reference}</source>
        <translation>{user} tayari ameidhinisha {reference}</translation>
    </message>
    <message>
        <source>{user} is disabled: ask an admin</source>
        <translation>{user} amezimwa: muombe msimamizi</translation>
    </message>
    <message>
        <source>{user} is not a user of this log</source>
        <translation>{user} si mtumiaji wa kumbukumbu hii</translation>
    </message>
    <message>
        <source>{user} is {role} and may not {action}</source>
        <translation>{user} ni {role} na hawezi {action}</translation>
    </message>
    <message>
        <source>{user} made this payout: a maker never approves or declines their own payout</source>
        <translation>{user} aliandaa malipo haya: mwandaaji haidhinishi wala kukataa malipo yake mwenyewe</translation>
    </message>
    <message>
        <source>{user} may not approve or decline payouts (only an approver may)</source>
        <translation>{user} hawezi kuidhinisha au kukataa malipo (mwidhinishaji pekee ndiye anaweza)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside the app</source>
        <translation>Hitilafu imetokea ndani ya programu</translation>
    </message>
    <message>
        <source>The request may not have been completed. Check the transaction log before trying again.</source>
        <translation>Huenda ombi halikukamilika. Angalia kumbukumbu ya miamala kabla ya kujaribu tena.</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Haijatumwa</translation>
    </message>
    <message>
        <source>Please correct the form</source>
        <translation>Tafadhali sahihisha fomu</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Nothing was paid.</source>
        <translation>Hakuna kilicholipwa.</translation>
    </message>
    <message>
        <source>M-Pesa refused the request</source>
        <translation>M-PESA imekataa ombi</translation>
    </message>
    <message>
        <source>The consumer key and secret were refused</source>
        <translation>Consumer key na secret zimekataliwa</translation>
    </message>
    <message>
        <source>Check them in Profile settings, then try again. Nothing was sent.</source>
        <translation>Ziangalie katika Mipangilio ya wasifu, kisha ujaribu tena. Hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Matokeo hayajulikani</translation>
    </message>
    <message>
        <source>The request may have reached M-Pesa but the answer was lost. Do not send it again: check its status first (Transaction status tab).</source>
        <translation>Huenda ombi limefika M-PESA lakini jibu limepotea. Usilitume tena: angalia hali yake kwanza (kichupo cha Hali ya muamala).</translation>
    </message>
    <message>
        <source>Could not reach the server</source>
        <translation>Seva haikufikiwa</translation>
    </message>
    <message>
        <source>Nothing was sent. Check the network connection and try again.</source>
        <translation>Hakuna kilichotumwa. Angalia muunganisho wa mtandao kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified</source>
        <translation>Cheti cha seva hakikuweza kuthibitishwa</translation>
    </message>
    <message>
        <source>No secure connection was made to {host}, so nothing was sent. Check the server address in Profile settings; on a company network, ask whether it inspects secure connections.</source>
        <translation>Hakuna muunganisho salama uliofanywa na {host}, kwa hiyo hakuna kilichotumwa. Angalia anwani ya seva katika Mipangilio ya wasifu; kwenye mtandao wa kampuni, uliza kama unakagua miunganisho salama.</translation>
    </message>
    <message>
        <source>The profile&apos;s settings need attention</source>
        <translation>Mipangilio ya wasifu inahitaji kuangaliwa</translation>
    </message>
    <message>
        <source>The transaction log did not allow it</source>
        <translation>Kumbukumbu ya miamala haikuruhusu</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>operation {value}</source>
        <translation>shughuli {value}</translation>
    </message>
    <message>
        <source>status {value}</source>
        <translation>hali {value}</translation>
    </message>
    <message>
        <source>phone {value}</source>
        <translation>simu {value}</translation>
    </message>
    <message>
        <source>receipt {value}</source>
        <translation>risiti {value}</translation>
    </message>
    <message>
        <source>text {value}</source>
        <translation>maandishi {value}</translation>
    </message>
    <message>
        <source>Export the transaction log</source>
        <translation>Hamisha kumbukumbu ya miamala</translation>
    </message>
    <message>
        <source>File to save</source>
        <translation>Faili ya kuhifadhi</translation>
    </message>
    <message>
        <source>Where to save the CSV file</source>
        <translation>Mahali pa kuhifadhi faili ya CSV</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Vinjari…</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Tarehe ya kuanzia</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Tarehe ya mwisho</translation>
    </message>
    <message>
        <source>For Excel (adds a byte-order mark)</source>
        <translation>Kwa Excel (huongeza alama ya mpangilio wa baiti)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Safu wima</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Faili:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hadi</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Tarehe:</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Vichujio:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Hamisha</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Faili za CSV (*.csv)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Inakagua faili…</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Badilisha faili?</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}.
Replace it with this export?</source>
        <translation>{name} tayari ipo katika {folder}.
Ibadilishwe na uhamishaji huu?</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Badilisha</translation>
    </message>
    <message>
        <source>Nothing was written: choose another file, or replace this one.</source>
        <translation>Hakuna kilichoandikwa: chagua faili nyingine, au ubadilishe hii.</translation>
    </message>
    <message>
        <source>Counting the rows…</source>
        <translation>Inahesabu safu…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Inaghairi…</translation>
    </message>
    <message>
        <source>Written {done} of {total} rows</source>
        <translation>Safu {done} kati ya {total} zimeandikwa</translation>
    </message>
    <message>
        <source>Written {done} rows</source>
        <translation>Safu {done} zimeandikwa</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Uhamishaji umeshindikana: {error}</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Sender and callbacks (from the profile)</source>
        <translation>Mtumaji na URL za majibu (kutoka kwa wasifu)</translation>
    </message>
    <message>
        <source>{label} (optional)</source>
        <translation>{label} (si lazima)</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Inatuma…</translation>
    </message>
    <message>
        <source>{field} {rule}</source>
        <translation>{field}: {rule}</translation>
    </message>
    <message>
        <source>Sent as {number}</source>
        <translation>Itatumwa kama {number}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>mpesa-desktop user guide</source>
        <translation>Mwongozo wa mtumiaji wa mpesa-desktop</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Mwongozo wa mtumiaji</translation>
    </message>
    <message>
        <source>About mpesa-desktop</source>
        <translation>Kuhusu mpesa-desktop</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Toleo</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Leseni</translation>
    </message>
    <message>
        <source>Active profile</source>
        <translation>Wasifu unaotumika</translation>
    </message>
    <message>
        <source>Transaction log</source>
        <translation>Kumbukumbu ya miamala</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Mipangilio</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Folda ya data</translation>
    </message>
    <message>
        <source>App log file</source>
        <translation>Faili ya kumbukumbu ya programu</translation>
    </message>
    <message>
        <source>A back office for Safaricom&apos;s M-Pesa Daraja API.</source>
        <translation>Ofisi ya nyuma ya Daraja API ya M-PESA ya Safaricom.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Msaada</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Mwongozo wa mtumiaji</translation>
    </message>
    <message>
        <source>&amp;About mpesa-desktop</source>
        <translation>&amp;Kuhusu mpesa-desktop</translation>
    </message>
    <message>
        <source>07.., +2547.. or 2547..</source>
        <translation>07.., +2547.. au 2547..</translation>
    </message>
    <message>
        <source>API version: one of v2, v1 (default v2)</source>
        <translation>Toleo la API: mojawapo ya v2, v1 (chaguo-msingi v2)</translation>
    </message>
    <message>
        <source>Account reference: optional, up to 13 characters; required for a paybill</source>
        <translation>Rejea ya akaunti: si lazima, hadi herufi 13; inahitajika kwa Lipa Bili</translation>
    </message>
    <message>
        <source>Account reference: up to 12 characters; shown to the customer</source>
        <translation>Rejea ya akaunti: hadi herufi 12; huonyeshwa kwa mteja</translation>
    </message>
    <message>
        <source>Amount: whole shillings</source>
        <translation>Kiasi: shilingi kamili</translation>
    </message>
    <message>
        <source>Amount: whole shillings, 1 to 250,000</source>
        <translation>Kiasi: shilingi kamili, 1 hadi 250,000</translation>
    </message>
    <message>
        <source>Amount: whole shillings, 10 to 250,000</source>
        <translation>Kiasi: shilingi kamili, 10 hadi 250,000</translation>
    </message>
    <message>
        <source>Ask the profile&apos;s server for a new access token with its stored consumer key and secret. Exit 0 connected, 2 a secret or the address missing, 3 refused, 4 the server could not be reached.</source>
        <translation>Omba seva ya wasifu tokeni mpya ya ufikiaji kwa consumer key na consumer secret zilizohifadhiwa. Misimbo ya kutoka: 0 imeunganishwa, 2 siri au anwani haipo, 3 imekataliwa, 4 seva haikuweza kufikiwa.</translation>
    </message>
    <message>
        <source>Back office for M-Pesa Daraja: payouts, refunds, balances, STK push, status checks and the transaction log. With no command, opens the main window.</source>
        <translation>Ofisi ya nyuma ya Daraja ya M-PESA: malipo, marejesho, salio, STK push, kuangalia hali na kumbukumbu ya miamala. Bila amri, hufungua dirisha kuu.</translation>
    </message>
    <message>
        <source>Bill reference: optional, up to 20 characters; the account number</source>
        <translation>Rejea ya bili: si lazima, hadi herufi 20; nambari ya akaunti</translation>
    </message>
    <message>
        <source>Business shortcode: 5 to 9 digits (default: the profile&apos;s)</source>
        <translation>Nambari ya biashara: tarakimu 5 hadi 9 (chaguo-msingi: ya wasifu)</translation>
    </message>
    <message>
        <source>Callback URL: a web address, e.g. https://example.com/result (default: the relay&apos;s)</source>
        <translation>URL ya majibu: anwani ya wavuti, mfano https://example.com/result (chaguo-msingi: ya relay)</translation>
    </message>
    <message>
        <source>Checkout request ID: no spaces, up to 100 characters; of the push</source>
        <translation>Kitambulisho cha ombi la malipo: bila nafasi, hadi herufi 100; cha STK push husika</translation>
    </message>
    <message>
        <source>Command: one of CustomerPayBillOnline, CustomerBuyGoodsOnline (default CustomerPayBillOnline)</source>
        <translation>Amri: mojawapo ya CustomerPayBillOnline, CustomerBuyGoodsOnline (chaguo-msingi CustomerPayBillOnline)</translation>
    </message>
    <message>
        <source>Confirmation URL: a web address without the words Daraja refuses (mpesa, safaricom, query...) (default: the relay&apos;s)</source>
        <translation>URL ya kuthibitisha malipo: anwani ya wavuti isiyo na maneno ambayo Daraja hukataa (mpesa, safaricom, query...) (chaguo-msingi: ya relay)</translation>
    </message>
    <message>
        <source>Copy the profile&apos;s own SQLite log into a team&apos;s PostgreSQL ledger (run it again to go on after an interruption), then check each table by its row count and a checksum. The password comes from the keyring&apos;s ledger_password or MPESA_DESKTOP_&lt;PROFILE&gt;_LEDGER_PASSWORD.</source>
        <translation>Nakili kumbukumbu ya SQLite ya wasifu wenyewe kwenye daftari la timu la PostgreSQL (iendeshe tena ili kuendelea baada ya kukatizwa), kisha kagua kila jedwali kwa idadi ya safu zake na checksum. Nenosiri hutoka kwenye ledger_password ya keyring au MPESA_DESKTOP_&lt;PROFILE&gt;_LEDGER_PASSWORD.</translation>
    </message>
    <message>
        <source>Create DIR with the relay&apos;s settings and two random secrets (callback path secret, poller token) in a file readable only by you; print the callback base path and the poller token.</source>
        <translation>Unda DIR yenye mipangilio ya relay na siri mbili za nasibu (siri ya njia ya callback, tokeni ya poller) katika faili inayosomeka na wewe tu; chapisha njia ya msingi ya callback na tokeni ya poller.</translation>
    </message>
    <message>
        <source>Description: up to 13 characters (default Payment)</source>
        <translation>Maelezo: hadi herufi 13 (chaguo-msingi Payment)</translation>
    </message>
    <message>
        <source>FILE is a CSV (UTF-8; Excel&apos;s &quot;CSV UTF-8&quot; is fine; commas, or semicolons or tabs throughout),
one payee a row, header first:
  phone,amount,remarks[,occasion][,command_id][,name][,national_id]
  phone       0712345678, +254 712 345 678 or 254712345678 (also: phone number, msisdn, mobile)
  amount      whole shillings, 10 to 250,000: 1500, &quot;1,500&quot;, 1 500, KES 1500, 1500.00 or
              1500/= (also: amount (KES), ksh). Never a decimal comma (1500,00), a dot
              between thousands (1.500), cents, an exponent, nor a comma in a file
              separated by semicolons: the whole file is refused
  remarks     2 to 100 characters (also: description, narration, reason)
  occasion    optional, up to 100 characters
  command_id  optional: BusinessPayment (default), SalaryPayment or PromotionPayment
  name        optional, not sent: shown in the summary
  national_id optional, not sent (also: ID number, ID no)
Row numbers in messages are the spreadsheet&apos;s (the header is row 1). Any bad row and nothing
is sent. Running the same file again never pays anyone twice: rows already sent are skipped;
only rejected, failed and unsent rows are sent.

exit codes: 0 all done, 2 bad file, not confirmed or a setting missing (nothing sent), 3 some
row refused, rejected or failed, 4 server unreachable (run stopped), 5 some outcome unknown.</source>
        <translation>FILE ni CSV (UTF-8; &quot;CSV UTF-8&quot; ya Excel inafaa; koma, au nukta-mkato au tab kote),
mpokeaji mmoja kwa kila safu, kichwa kwanza:
  phone,amount,remarks[,occasion][,command_id][,name][,national_id]
  phone       0712345678, +254 712 345 678 au 254712345678 (pia: phone number, msisdn, mobile)
  amount      shilingi kamili, 10 hadi 250,000: 1500, &quot;1,500&quot;, 1 500, KES 1500, 1500.00 au
              1500/= (pia: amount (KES), ksh). Kamwe si koma ya desimali (1500,00), nukta
              kati ya maelfu (1.500), senti, kipeo, wala koma katika faili iliyotenganishwa
              kwa nukta-mkato: faili nzima hukataliwa
  remarks     herufi 2 hadi 100 (pia: description, narration, reason)
  occasion    si lazima, hadi herufi 100
  command_id  si lazima: BusinessPayment (chaguo-msingi), SalaryPayment au PromotionPayment
  name        si lazima, haitumwi: huonyeshwa kwenye muhtasari
  national_id si lazima, haitumwi (pia: ID number, ID no)
Nambari za safu katika ujumbe ni za lahajedwali (kichwa ni safu 1). Safu yoyote ikiwa na
kosa, hakuna kinachotumwa. Kuendesha faili ileile tena hakumlipi mtu yeyote mara mbili: safu
zilizokwisha tumwa huachwa; safu zilizokataliwa, zilizoshindikana na ambazo hazikutumwa tu
ndizo hutumwa.

misimbo ya kutoka: 0 yote yamekamilika, 2 faili ina kosa, haijathibitishwa au mpangilio
unakosekana (hakuna kilichotumwa), 3 safu fulani imekataliwa au imeshindikana, 4 seva
haifikiki (utumaji umesimama), 5 matokeo ya safu fulani hayajulikani.</translation>
    </message>
    <message>
        <source>FILE is the Org Portal&apos;s statement export (CSV or XLSX, ``reconcile.statement``); ``--pull``
asks Pull Transactions for the range instead (money in only, the last 48 hours on Daraja).
``--from``/``--to`` are days (``--to`` included) or times, East Africa Time; with FILE they set
the period searched for rows in the log only (default: the statement&apos;s own span). Open rows
M-Pesa completed are settled from the record, unless ``--no-settle``.</source>
        <translation>FILE ni taarifa iliyohamishwa kutoka Org Portal (CSV au XLSX, ``reconcile.statement``); ``--pull``
huuliza Pull Transactions kwa kipindi hicho badala yake (pesa zinazoingia tu, saa 48 za mwisho kwenye Daraja).
``--from``/``--to`` ni tarehe (``--to`` ikiwemo) au saa, kwa saa za Afrika Mashariki; pamoja na FILE huweka
kipindi cha kutafuta miamala kwenye kumbukumbu tu (chaguo-msingi: muda wa taarifa yenyewe). Miamala ambayo bado inasubiri matokeo
lakini M-PESA iliikamilisha huwekwa kuwa imekamilika kutoka rekodi hiyo, isipokuwa ukitumia ``--no-settle``.</translation>
    </message>
    <message>
        <source>From: a time, e.g. &apos;2026-11-28 14:00:00&apos; (East Africa), or a date</source>
        <translation>Kutoka: saa, mfano &apos;2026-11-28 14:00:00&apos; (saa za Afrika Mashariki), au tarehe</translation>
    </message>
    <message>
        <source>Identifier type: one of 1, 2, 4 (default 4); 4 shortcode, 2 till, 1 phone</source>
        <translation>Aina ya kitambulisho: mojawapo ya 1, 2, 4 (chaguo-msingi 4); 4 nambari ya biashara, 2 Till, 1 simu</translation>
    </message>
    <message>
        <source>KRA payment number (PRN): up to 13 characters; from the KRA iTax payment slip</source>
        <translation>Nambari ya malipo ya KRA (PRN): hadi herufi 13; kutoka kwenye hati ya malipo ya KRA iTax</translation>
    </message>
    <message>
        <source>M-Pesa receipt</source>
        <translation>Risiti ya M-PESA</translation>
    </message>
    <message>
        <source>M-Pesa receipt to reverse: a 10-character M-Pesa receipt, e.g. NLJ7RT61SV; of the payment to reverse</source>
        <translation>Risiti ya M-PESA ya kurejesha: risiti ya M-PESA ya herufi 10, mfano NLJ7RT61SV; ya malipo yanayorejeshwa</translation>
    </message>
    <message>
        <source>M-Pesa receipt: optional, a 10-character M-Pesa receipt, e.g. NLJ7RT61SV</source>
        <translation>Risiti ya M-PESA: si lazima, risiti ya M-PESA ya herufi 10, mfano NLJ7RT61SV</translation>
    </message>
    <message>
        <source>Manage profiles. Secrets are asked for at a hidden prompt or read from stdin (--secrets-from-stdin), never taken from arguments.</source>
        <translation>Simamia wasifu. Siri huombwa kwenye kidokezo kilichofichwa au husomwa kutoka stdin (--secrets-from-stdin), kamwe hazichukuliwi kutoka kwenye hoja.</translation>
    </message>
    <message>
        <source>Merchant name: up to 100 characters; shown to the customer</source>
        <translation>Jina la mfanyabiashara: hadi herufi 100; huonyeshwa kwa mteja</translation>
    </message>
    <message>
        <source>Nominated number: a Kenyan mobile number, e.g. 0712345678; the phone M-Pesa tells of it</source>
        <translation>Nambari iliyoteuliwa: nambari ya simu ya Kenya, mfano 0712345678; simu ambayo M-PESA huiarifu</translation>
    </message>
    <message>
        <source>Occasion: optional, up to 100 characters</source>
        <translation>Tukio: si lazima, hadi herufi 100</translation>
    </message>
    <message>
        <source>Offset: a whole number from 0 (default 0); rows already fetched (paging)</source>
        <translation>Kuanzia nafasi: nambari kamili kuanzia 0 (chaguo-msingi 0); rekodi zilizokwisha pokelewa (kurasa)</translation>
    </message>
    <message>
        <source>On behalf of (phone): optional, a Kenyan mobile number, e.g. 0712345678; the customer paid for</source>
        <translation>Kwa niaba ya (simu): si lazima, nambari ya simu ya Kenya, mfano 0712345678; mteja anayelipiwa</translation>
    </message>
    <message>
        <source>Originator conversation ID: optional, no spaces, up to 128 characters; the OriginatorConversationID</source>
        <translation>Kitambulisho cha mazungumzo ya mwanzishaji: si lazima, bila nafasi, hadi herufi 128; OriginatorConversationID</translation>
    </message>
    <message>
        <source>Paying shortcode: 5 to 9 digits (default: the profile&apos;s)</source>
        <translation>Nambari ya biashara inayolipa: tarakimu 5 hadi 9 (chaguo-msingi: ya wasifu)</translation>
    </message>
    <message>
        <source>Payment type: one of BG, WA, PB, SM, SB (default BG); BG buy goods, PB paybill, SM phone, SB business, WA agent</source>
        <translation>Aina ya malipo: mojawapo ya BG, WA, PB, SM, SB (chaguo-msingi BG); BG Nunua Bidhaa, PB Lipa Bili, SM simu, SB biashara, WA wakala</translation>
    </message>
    <message>
        <source>Payment type: one of BusinessPayBill, BusinessBuyGoods, BusinessPayToBulk</source>
        <translation>Aina ya malipo: mojawapo ya BusinessPayBill, BusinessBuyGoods, BusinessPayToBulk</translation>
    </message>
    <message>
        <source>Payment type: one of BusinessPayment, SalaryPayment, PromotionPayment</source>
        <translation>Aina ya malipo: mojawapo ya BusinessPayment, SalaryPayment, PromotionPayment</translation>
    </message>
    <message>
        <source>Phone number: a Kenyan mobile number, e.g. 0712345678 (default: the profile&apos;s test number)</source>
        <translation>Nambari ya simu: nambari ya simu ya Kenya, mfano 0712345678 (chaguo-msingi: nambari ya majaribio ya wasifu)</translation>
    </message>
    <message>
        <source>Phone number: a Kenyan mobile number, e.g. 0712345678; the customer&apos;s phone</source>
        <translation>Nambari ya simu: nambari ya simu ya Kenya, mfano 0712345678; simu ya mteja</translation>
    </message>
    <message>
        <source>Receiving paybill or till: 5 to 9 digits</source>
        <translation>Lipa Bili au Till inayopokea: tarakimu 5 hadi 9</translation>
    </message>
    <message>
        <source>Receiving shortcode or till: optional, 5 to 9 digits; the till, for buy goods</source>
        <translation>Nambari ya biashara au Till inayopokea: si lazima, tarakimu 5 hadi 9; Till, kwa Nunua Bidhaa</translation>
    </message>
    <message>
        <source>Reference: up to 12 characters; the account or invoice number</source>
        <translation>Rejea: hadi herufi 12; nambari ya akaunti au ya ankara</translation>
    </message>
    <message>
        <source>Remarks: 2 to 100 characters</source>
        <translation>Maelezo: herufi 2 hadi 100</translation>
    </message>
    <message>
        <source>Remarks: up to 100 characters</source>
        <translation>Maelezo: hadi herufi 100</translation>
    </message>
    <message>
        <source>Response type: one of Completed, Cancelled (default Completed)</source>
        <translation>Aina ya jibu: mojawapo ya Completed, Cancelled (chaguo-msingi Completed)</translation>
    </message>
    <message>
        <source>Serve an offline Daraja (Safaricom&apos;s M-Pesa API) on this machine for tests, demos and training. Defaults: any consumer key and secret, STK shortcode 174379 with the sandbox passkey, initiator testapi with the sandbox&apos;s published password (README), shortcodes 600000 and till 600100. Encrypt initiator passwords with GET /admin/certificate.</source>
        <translation>Endesha Daraja ya nje ya mtandao (API ya M-PESA ya Safaricom) kwenye kompyuta hii kwa majaribio, maonyesho na mafunzo. Chaguo-msingi: consumer key na secret yoyote, nambari ya biashara ya STK 174379 pamoja na passkey ya sandbox, mwanzishaji testapi pamoja na nenosiri lililochapishwa la sandbox (README), nambari za biashara 600000 na Till 600100. Simba (encrypt) manenosiri ya mwanzishaji kwa GET /admin/certificate.</translation>
    </message>
    <message>
        <source>Serve the callback relay from DIR: stores Daraja&apos;s callbacks and feeds them to the app&apos;s poller. Run it behind a TLS reverse proxy (see packaging/relay).</source>
        <translation>Endesha relay ya callback kutoka DIR: huhifadhi callback za Daraja na kuzipeleka kwa poller ya programu. Iendeshe nyuma ya reverse proxy ya TLS (angalia packaging/relay).</translation>
    </message>
    <message>
        <source>Settle a payout whose outcome is unknown, after checking it elsewhere (the M-Pesa portal or statement, the customer). The reason is kept in its history.</source>
        <translation>Suluhisha malipo ambayo matokeo yake hayajulikani, baada ya kuyaangalia mahali pengine (tovuti ya M-PESA au taarifa ya akaunti, kwa mteja). Sababu huhifadhiwa kwenye historia yake.</translation>
    </message>
    <message>
        <source>Shortcode: 5 to 9 digits (a phone number when the identifier type is 1) (default: the profile&apos;s)</source>
        <translation>Nambari ya biashara: tarakimu 5 hadi 9 (nambari ya simu aina ya kitambulisho ikiwa 1) (chaguo-msingi: ya wasifu)</translation>
    </message>
    <message>
        <source>Shortcode: 5 to 9 digits (default: the profile&apos;s)</source>
        <translation>Nambari ya biashara: tarakimu 5 hadi 9 (chaguo-msingi: ya wasifu)</translation>
    </message>
    <message>
        <source>Size (pixels): one of 300, 400, 500, 600 (default 300)</source>
        <translation>Ukubwa (pikseli): mojawapo ya 300, 400, 500, 600 (chaguo-msingi 300)</translation>
    </message>
    <message>
        <source>Till, paybill or phone: no spaces, up to 12 characters; the till, paybill or phone paid</source>
        <translation>Till, Lipa Bili au simu: bila nafasi, hadi herufi 12; Till, Lipa Bili au simu inayolipwa</translation>
    </message>
    <message>
        <source>To: a time, e.g. &apos;2026-11-28 14:00:00&apos; (East Africa), or a date</source>
        <translation>Hadi: saa, mfano &apos;2026-11-28 14:00:00&apos; (saa za Afrika Mashariki), au tarehe</translation>
    </message>
    <message>
        <source>Transaction type: one of CustomerPayBillOnline, CustomerBuyGoodsOnline (default CustomerPayBillOnline)</source>
        <translation>Aina ya muamala: mojawapo ya CustomerPayBillOnline, CustomerBuyGoodsOnline (chaguo-msingi CustomerPayBillOnline)</translation>
    </message>
    <message>
        <source>Validation URL: a web address without the words Daraja refuses (mpesa, safaricom, query...) (default: the relay&apos;s)</source>
        <translation>URL ya uthibitisho: anwani ya wavuti isiyo na maneno ambayo Daraja hukataa (mpesa, safaricom, query...) (chaguo-msingi: ya relay)</translation>
    </message>
    <message>
        <source>Your shortcode: 5 to 9 digits (default: the profile&apos;s)</source>
        <translation>Nambari yako ya biashara: tarakimu 5 hadi 9 (chaguo-msingi: ya wasifu)</translation>
    </message>
    <message>
        <source>a note kept with the approval</source>
        <translation>dokezo linalohifadhiwa pamoja na idhini</translation>
    </message>
    <message>
        <source>a relay for production: accept callbacks only from Safaricom&apos;s published addresses (settings.json allow_safaricom_only)</source>
        <translation>relay ya mfumo halisi: kubali callback kutoka kwa anwani zilizochapishwa na Safaricom tu (settings.json allow_safaricom_only)</translation>
    </message>
    <message>
        <source>add a profile</source>
        <translation>ongeza wasifu</translation>
    </message>
    <message>
        <source>add a user (the log&apos;s first user is its admin)</source>
        <translation>ongeza mtumiaji (mtumiaji wa kwanza wa kumbukumbu ndiye msimamizi wake)</translation>
    </message>
    <message>
        <source>address to listen on (default 127.0.0.1)</source>
        <translation>anwani ya kusikiliza (chaguo-msingi 127.0.0.1)</translation>
    </message>
    <message>
        <source>allow money operations (production profiles start with them off)</source>
        <translation>ruhusu shughuli za pesa (wasifu halisi huanza zikiwa zimezimwa)</translation>
    </message>
    <message>
        <source>approve a payout (sent when released)</source>
        <translation>idhinisha malipo (hutumwa idhini zinazohitajika zikitimia)</translation>
    </message>
    <message>
        <source>approve without asking</source>
        <translation>idhinisha bila kuuliza</translation>
    </message>
    <message>
        <source>ask Pull Transactions (online) instead of reading a file</source>
        <translation>uliza Pull Transactions (mtandaoni) badala ya kusoma faili</translation>
    </message>
    <message>
        <source>ask a customer to pay (STK push)</source>
        <translation>omba mteja alipe (STK push)</translation>
    </message>
    <message>
        <source>ask for the account balances</source>
        <translation>uliza salio la kila akaunti</translation>
    </message>
    <message>
        <source>ask how an STK push ended</source>
        <translation>uliza jinsi STK push ilivyoishia</translation>
    </message>
    <message>
        <source>ask what happened to a transaction</source>
        <translation>uliza kilichotokea kwa muamala</translation>
    </message>
    <message>
        <source>change a profile&apos;s settings</source>
        <translation>badilisha mipangilio ya wasifu</translation>
    </message>
    <message>
        <source>check that no entry was changed or lost</source>
        <translation>hakikisha hakuna ingizo lililobadilishwa au kupotea</translation>
    </message>
    <message>
        <source>columns to write, in order (default: all)</source>
        <translation>safu wima za kuandika, kwa mpangilio (chaguo-msingi: zote)</translation>
    </message>
    <message>
        <source>compare the log with M-Pesa&apos;s statement or Pull Transactions</source>
        <translation>linganisha kumbukumbu na taarifa ya M-PESA au Pull Transactions</translation>
    </message>
    <message>
        <source>confirm a production profile</source>
        <translation>thibitisha wasifu halisi</translation>
    </message>
    <message>
        <source>confirm production without the typed prompt</source>
        <translation>thibitisha wasifu halisi bila kuandika jina lake kwenye kidokezo</translation>
    </message>
    <message>
        <source>copy the profile&apos;s own log into a team&apos;s PostgreSQL ledger</source>
        <translation>nakili kumbukumbu ya wasifu wenyewe kwenye daftari la timu la PostgreSQL</translation>
    </message>
    <message>
        <source>create a relay directory with new secrets</source>
        <translation>unda folda ya relay yenye siri mpya</translation>
    </message>
    <message>
        <source>decline a payout, with a reason</source>
        <translation>kataa malipo, pamoja na sababu</translation>
    </message>
    <message>
        <source>directory to create</source>
        <translation>folda ya kuunda</translation>
    </message>
    <message>
        <source>disable a user (admins)</source>
        <translation>zima mtumiaji (wasimamizi)</translation>
    </message>
    <message>
        <source>fetch M-Pesa&apos;s record of payments received in a time range</source>
        <translation>leta rekodi ya M-PESA ya malipo yaliyopokelewa katika kipindi fulani</translation>
    </message>
    <message>
        <source>fill the offline profile&apos;s log with realistic synthetic history</source>
        <translation>jaza kumbukumbu ya wasifu wa nje ya mtandao kwa historia bandia inayofanana na halisi</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>vichujio</translation>
    </message>
    <message>
        <source>first day or time (EAT); required with --pull</source>
        <translation>siku au saa ya kwanza (EAT); inahitajika pamoja na --pull</translation>
    </message>
    <message>
        <source>from this day (EAT)</source>
        <translation>kuanzia siku hii (EAT)</translation>
    </message>
    <message>
        <source>give a user a new password</source>
        <translation>mpe mtumiaji nenosiri jipya</translation>
    </message>
    <message>
        <source>history span (6)</source>
        <translation>muda wa historia, kwa miezi (6)</translation>
    </message>
    <message>
        <source>how long --wait waits in all (default 300)</source>
        <translation>muda wote ambao --wait husubiri, kwa sekunde (chaguo-msingi 300)</translation>
    </message>
    <message>
        <source>how long --wait waits, in seconds (default 60)</source>
        <translation>muda ambao --wait husubiri, kwa sekunde (chaguo-msingi 60)</translation>
    </message>
    <message>
        <source>its M-Pesa receipt, when completed</source>
        <translation>risiti yake ya M-PESA, ikiwa yamekamilika</translation>
    </message>
    <message>
        <source>keep all config and data under DIR (also $MPESA_DESKTOP_HOME)</source>
        <translation>weka usanidi na data yote ndani ya DIR (pia $MPESA_DESKTOP_HOME)</translation>
    </message>
    <message>
        <source>keep balances, executed transactions, C2B registrations and callbacks not yet sent in DIR, so a later run with the same DIR goes on where this one stopped (default: in memory, forgotten at exit)</source>
        <translation>hifadhi salio, miamala iliyotekelezwa, usajili wa C2B na callback ambazo bado hazijatumwa ndani ya DIR, ili uendeshaji wa baadaye wenye DIR ileile uendelee pale huu ulipoishia (chaguo-msingi: kwenye kumbukumbu ya muda tu, hufutika kiigaji kikizimwa)</translation>
    </message>
    <message>
        <source>last day (included) or time (EAT); required with --pull</source>
        <translation>siku ya mwisho (ikiwemo) au saa (EAT); inahitajika pamoja na --pull</translation>
    </message>
    <message>
        <source>list the payouts awaiting approval</source>
        <translation>orodhesha malipo yanayosubiri idhini</translation>
    </message>
    <message>
        <source>list the profiles</source>
        <translation>orodhesha wasifu</translation>
    </message>
    <message>
        <source>list the transaction log, newest first</source>
        <translation>orodhesha kumbukumbu ya miamala, ya karibuni kwanza</translation>
    </message>
    <message>
        <source>list the users</source>
        <translation>orodhesha watumiaji</translation>
    </message>
    <message>
        <source>make a QR code a customer scans to pay</source>
        <translation>tengeneza msimbo wa QR ambao mteja ataskani ili kulipa</translation>
    </message>
    <message>
        <source>make a profile the active one</source>
        <translation>fanya wasifu kuwa unaotumika</translation>
    </message>
    <message>
        <source>make it the active profile</source>
        <translation>ufanye kuwa wasifu unaotumika</translation>
    </message>
    <message>
        <source>manage profiles (offline simulator, sandbox, production, custom)</source>
        <translation>simamia wasifu (kiigaji cha nje ya mtandao, sandbox, mfumo halisi, seva maalum)</translation>
    </message>
    <message>
        <source>move a profile&apos;s log to a team ledger</source>
        <translation>hamishia kumbukumbu ya wasifu kwenye daftari la timu</translation>
    </message>
    <message>
        <source>name a completed identical payout made within HOURS in the confirmation (default 24; 0 turns the warning off)</source>
        <translation>taja katika uthibitisho malipo yanayofanana yaliyokamilika ndani ya saa HOURS (chaguo-msingi 24; 0 inazima onyo)</translation>
    </message>
    <message>
        <source>no approval: payouts go at once</source>
        <translation>hakuna idhini: malipo yanatumwa mara moja</translation>
    </message>
    <message>
        <source>one or more operations</source>
        <translation>shughuli moja au zaidi</translation>
    </message>
    <message>
        <source>one or more statuses</source>
        <translation>hali moja au zaidi</translation>
    </message>
    <message>
        <source>operator, approver, auditor or admin</source>
        <translation>operator (mwandaaji), approver (mwidhinishaji), auditor (mkaguzi) au admin (msimamizi)</translation>
    </message>
    <message>
        <source>part of remarks, parties, account reference, receipt or name, or the start of our reference, any case (at least 3 characters)</source>
        <translation>sehemu ya maelezo, wahusika, rejea ya akaunti, risiti au jina, au mwanzo wa rejea yetu, herufi kubwa au ndogo (angalau herufi 3)</translation>
    </message>
    <message>
        <source>pay a Pochi la Biashara wallet (B2Pochi)</source>
        <translation>lipa pochi ya Pochi la Biashara (B2Pochi)</translation>
    </message>
    <message>
        <source>pay a business (B2B)</source>
        <translation>lipa biashara (B2B)</translation>
    </message>
    <message>
        <source>pay a customer (B2C)</source>
        <translation>lipa mteja (B2C)</translation>
    </message>
    <message>
        <source>pay again a payout identical to one completed within the profile&apos;s repeat window</source>
        <translation>lipa tena malipo yanayofanana na yaliyokamilika ndani ya muda wa kurudia wa wasifu</translation>
    </message>
    <message>
        <source>pay every row of a CSV file (B2C payouts)</source>
        <translation>lipa kila safu ya faili ya CSV (malipo ya B2C)</translation>
    </message>
    <message>
        <source>pay tax to KRA with a payment number (PRN)</source>
        <translation>lipa kodi kwa KRA kwa nambari ya malipo (PRN)</translation>
    </message>
    <message>
        <source>payouts above KES need an approver (0: every payout)</source>
        <translation>malipo ya zaidi ya KES yanahitaji mwidhinishaji (0: kila malipo)</translation>
    </message>
    <message>
        <source>payouts above KES need two approvers</source>
        <translation>malipo ya zaidi ya KES yanahitaji waidhinishaji wawili</translation>
    </message>
    <message>
        <source>port to listen on (default 8470)</source>
        <translation>lango (port) la kusikiliza (chaguo-msingi 8470)</translation>
    </message>
    <message>
        <source>port to listen on, 0 for any free port (default 8460)</source>
        <translation>lango (port) la kusikiliza, 0 kwa lango lolote lililo wazi (chaguo-msingi 8460)</translation>
    </message>
    <message>
        <source>postgresql://user@host:port/dbname</source>
        <translation>postgresql://user@host:port/dbname</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>chapisha JSON</translation>
    </message>
    <message>
        <source>print every row&apos;s outcome as JSON</source>
        <translation>chapisha matokeo ya kila safu kama JSON</translation>
    </message>
    <message>
        <source>print the result as JSON</source>
        <translation>chapisha matokeo kama JSON</translation>
    </message>
    <message>
        <source>print the row as JSON</source>
        <translation>chapisha muamala kama JSON</translation>
    </message>
    <message>
        <source>print {&quot;callback_base&quot;: ..., &quot;token&quot;: ...}</source>
        <translation>chapisha {&quot;callback_base&quot;: ..., &quot;token&quot;: ...}</translation>
    </message>
    <message>
        <source>read secrets as KEY=VALUE lines from stdin (keys: consumer_key, consumer_secret, initiator_password, security_credential, stk_passkey, relay_token, relay_callback_secret, ledger_password)</source>
        <translation>soma siri kama mistari ya KEY=VALUE kutoka stdin (funguo: consumer_key, consumer_secret, initiator_password, security_credential, stk_passkey, relay_token, relay_callback_secret, ledger_password)</translation>
    </message>
    <message>
        <source>refund a customer payment (reversal)</source>
        <translation>rejesha malipo ya mteja (marejesho)</translation>
    </message>
    <message>
        <source>register the C2B confirmation and validation URLs</source>
        <translation>sajili URL ya kuthibitisha malipo na URL ya uthibitisho za C2B</translation>
    </message>
    <message>
        <source>register the shortcode for Pull Transactions</source>
        <translation>sajili nambari ya biashara kwa Pull Transactions</translation>
    </message>
    <message>
        <source>remove a profile and its secrets (log kept)</source>
        <translation>ondoa wasifu na siri zake (kumbukumbu huhifadhiwa)</translation>
    </message>
    <message>
        <source>repeatable data</source>
        <translation>data inayoweza kurudiwa</translation>
    </message>
    <message>
        <source>replace --out if it exists</source>
        <translation>badilisha faili ya --out ikiwa tayari ipo</translation>
    </message>
    <message>
        <source>replace FILE if it exists</source>
        <translation>badilisha FILE ikiwa tayari ipo</translation>
    </message>
    <message>
        <source>report only: leave open rows as they are</source>
        <translation>ripoti tu: acha miamala inayosubiri matokeo kama ilivyo</translation>
    </message>
    <message>
        <source>rows to show (50)</source>
        <translation>idadi ya miamala ya kuonyesha (50)</translation>
    </message>
    <message>
        <source>run the callback relay (or &apos;relay init&apos; to create one)</source>
        <translation>endesha relay ya callback (au &apos;relay init&apos; kuunda mpya)</translation>
    </message>
    <message>
        <source>run the offline Daraja simulator</source>
        <translation>endesha kiigaji cha Daraja cha nje ya mtandao</translation>
    </message>
    <message>
        <source>seconds before callbacks are posted (default 1)</source>
        <translation>sekunde kabla callback hazijatumwa (chaguo-msingi 1)</translation>
    </message>
    <message>
        <source>send again a rejected or failed transaction of the log</source>
        <translation>tuma tena muamala wa kumbukumbu uliokataliwa au kushindikana</translation>
    </message>
    <message>
        <source>send at most N requests a second (default 1)</source>
        <translation>tuma maombi yasiyozidi N kwa sekunde (chaguo-msingi 1)</translation>
    </message>
    <message>
        <source>send without asking (needed when stdin is not a terminal)</source>
        <translation>tuma bila kuuliza (inahitajika wakati stdin si terminal)</translation>
    </message>
    <message>
        <source>set the approval policy (admins)</source>
        <translation>weka sera ya idhini (wasimamizi)</translation>
    </message>
    <message>
        <source>settings (not secret)</source>
        <translation>mipangilio (isiyo ya siri)</translation>
    </message>
    <message>
        <source>settle a payout whose outcome is unknown by hand, with a reason</source>
        <translation>suluhisha kwa mkono malipo ambayo matokeo yake hayajulikani, pamoja na sababu</translation>
    </message>
    <message>
        <source>show a profile&apos;s settings (never secret values)</source>
        <translation>onyesha mipangilio ya wasifu (kamwe si thamani za siri)</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>onyesha nambari ya toleo la programu na utoke</translation>
    </message>
    <message>
        <source>show the policy in force</source>
        <translation>onyesha sera inayotumika</translation>
    </message>
    <message>
        <source>show where the config, the data and each profile&apos;s log live</source>
        <translation>onyesha mahali usanidi, data na kumbukumbu ya kila wasifu vilipo</translation>
    </message>
    <message>
        <source>simulate a customer payment (sandbox and offline)</source>
        <translation>igiza malipo ya mteja (sandbox na nje ya mtandao)</translation>
    </message>
    <message>
        <source>simulator, sandbox, production, or a certificate file to import</source>
        <translation>simulator, sandbox, production, au faili ya cheti ya kuleta</translation>
    </message>
    <message>
        <source>start with a BOM for Excel</source>
        <translation>anza na BOM kwa ajili ya Excel</translation>
    </message>
    <message>
        <source>store one secret (hidden prompt, or one line from stdin); empty clears it</source>
        <translation>hifadhi siri moja (kidokezo kilichofichwa, au mstari mmoja kutoka stdin); tupu huifuta</translation>
    </message>
    <message>
        <source>take the ids from this row of the log</source>
        <translation>chukua vitambulisho kutoka muamala huu wa kumbukumbu</translation>
    </message>
    <message>
        <source>test the connection: ask the server for a new access token</source>
        <translation>jaribu muunganisho: omba seva tokeni mpya ya ufikiaji</translation>
    </message>
    <message>
        <source>the CSV file of payees</source>
        <translation>faili ya CSV ya wapokeaji</translation>
    </message>
    <message>
        <source>the CSV file to write</source>
        <translation>faili ya CSV ya kuandika</translation>
    </message>
    <message>
        <source>the Org Portal&apos;s statement export (.csv or .xlsx)</source>
        <translation>taarifa iliyohamishwa kutoka Org Portal (.csv au .xlsx)</translation>
    </message>
    <message>
        <source>the amount typed again, when the profile asks for it</source>
        <translation>kiasi kilichoandikwa tena, wasifu unapokihitaji</translation>
    </message>
    <message>
        <source>the audit trail</source>
        <translation>kumbukumbu ya ukaguzi</translation>
    </message>
    <message>
        <source>the file&apos;s total typed again, when the profile asks for it</source>
        <translation>jumla ya faili iliyoandikwa tena, wasifu unapoihitaji</translation>
    </message>
    <message>
        <source>the log&apos;s users and their roles</source>
        <translation>watumiaji wa kumbukumbu na majukumu yao</translation>
    </message>
    <message>
        <source>the relay directory made by &apos;relay init&apos;</source>
        <translation>folda ya relay iliyoundwa na &apos;relay init&apos;</translation>
    </message>
    <message>
        <source>the row&apos;s reference</source>
        <translation>rejea ya muamala</translation>
    </message>
    <message>
        <source>up to this day, included</source>
        <translation>hadi siku hii, ikiwemo</translation>
    </message>
    <message>
        <source>use this profile for one command</source>
        <translation>tumia wasifu huu kwa amri moja</translation>
    </message>
    <message>
        <source>wait for every row&apos;s final result</source>
        <translation>subiri matokeo ya mwisho ya kila safu</translation>
    </message>
    <message>
        <source>wait for the final result</source>
        <translation>subiri matokeo ya mwisho</translation>
    </message>
    <message>
        <source>what happened to it (required)</source>
        <translation>kilichotokea kwake (inahitajika)</translation>
    </message>
    <message>
        <source>which payouts need approval</source>
        <translation>malipo yapi yanahitaji idhini</translation>
    </message>
    <message>
        <source>whole shillings, or &apos;none&apos; to remove</source>
        <translation>shilingi kamili, au &apos;none&apos; kuondoa</translation>
    </message>
    <message>
        <source>why: what you checked (required)</source>
        <translation>kwa nini: ulichoangalia (inahitajika)</translation>
    </message>
    <message>
        <source>with --yes: pay rows whose phone was paid the same amount in the last 48 hours</source>
        <translation>pamoja na --yes: lipa safu ambazo simu zake zililipwa kiasi kilekile ndani ya saa 48 zilizopita</translation>
    </message>
    <message>
        <source>work as this user of the log (password from a hidden prompt, or $MPESA_DESKTOP_USER_PASSWORD)</source>
        <translation>fanya kazi kama mtumiaji huyu wa kumbukumbu (nenosiri kutoka kidokezo kilichofichwa, au $MPESA_DESKTOP_USER_PASSWORD)</translation>
    </message>
    <message>
        <source>write every verdict as CSV</source>
        <translation>andika kila uamuzi wa ulinganisho kama CSV</translation>
    </message>
    <message>
        <source>write the QR code to this new PNG file</source>
        <translation>andika msimbo wa QR kwenye faili hii mpya ya PNG</translation>
    </message>
    <message>
        <source>write the audit trail as CSV</source>
        <translation>hamisha kumbukumbu ya ukaguzi kama CSV</translation>
    </message>
    <message>
        <source>write the transaction log as CSV</source>
        <translation>hamisha kumbukumbu ya miamala kama CSV</translation>
    </message>
</context>
<context>
    <name>Log</name>
    <message>
        <source>Time (EAT)</source>
        <translation>Saa (EAT)</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Nini</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Hali zote</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Inahitaji kuangaliwa</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Bado njiani</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Mpya kwanza</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Za zamani kwanza</translation>
    </message>
    <message>
        <source>Largest amount first</source>
        <translation>Kiasi kikubwa kwanza</translation>
    </message>
    <message>
        <source>Smallest amount first</source>
        <translation>Kiasi kidogo kwanza</translation>
    </message>
    <message>
        <source>phone {value}</source>
        <translation>simu {value}</translation>
    </message>
    <message>
        <source>receipt {value}</source>
        <translation>risiti {value}</translation>
    </message>
    <message>
        <source>text {value}</source>
        <translation>maandishi {value}</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Tarehe yoyote</translation>
    </message>
    <message>
        <source>Phone, receipt or text  (Ctrl+F)</source>
        <translation>Simu, risiti au maandishi  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>&amp;Onyesha</translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation>Ha&amp;li</translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation>&amp;Tafuta</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>Tar&amp;ehe</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>&amp;Kuanzia</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>Ha&amp;di</translation>
    </message>
    <message>
        <source>&amp;Sort</source>
        <translation>Pan&amp;ga</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Onyesha</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Tarehe</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Tarehe ya kuanzia</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Tarehe ya mwisho</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Tafuta kwenye kumbukumbu</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Panga</translation>
    </message>
    <message>
        <source>A phone number, a receipt, or at least three characters of text</source>
        <translation>Nambari ya simu, risiti, au angalau herufi tatu za maandishi</translation>
    </message>
    <message>
        <source>type at least {count} characters to search</source>
        <translation>andika angalau herufi {count} ili kutafuta</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>hali {status}</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} hadi {end}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Nani</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Iliundwa</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ilisasishwa</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Kutoka</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kwenda</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Simu</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Jina</translation>
    </message>
    <message>
        <source>Account ref.</source>
        <translation>Rejea ya akaunti</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Matokeo</translation>
    </message>
    <message>
        <source>Originator conv. ID</source>
        <translation>Kitambulisho cha mwanzo</translation>
    </message>
    <message>
        <source>Conversation ID</source>
        <translation>Kitambulisho cha Daraja</translation>
    </message>
    <message>
        <source>Checkout request ID</source>
        <translation>Kitambulisho cha STK</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Mhudumu</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Mabadiliko</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Chanzo</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}:</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Raw payloads</source>
        <translation>Data ghafi</translation>
    </message>
    <message>
        <source>No request body or callback payload is recorded for this row.</source>
        <translation>Hakuna maudhui ya ombi wala ya callback yaliyorekodiwa kwa muamala huu.</translation>
    </message>
    <message>
        <source>Select a transaction to see its details</source>
        <translation>Chagua muamala uone maelezo yake</translation>
    </message>
    <message>
        <source>new</source>
        <translation>mpya</translation>
    </message>
    <message>
        <source>Request (secrets removed)</source>
        <translation>Ombi (siri zimeondolewa)</translation>
    </message>
    <message>
        <source>East Africa Time. Click to sort by this column; click again to reverse</source>
        <translation>Saa za Afrika Mashariki. Bofya kupanga kwa safu hii; bofya tena kugeuza mpangilio</translation>
    </message>
    <message>
        <source>Kenya shillings (KES). Click to sort by this column; click again to reverse</source>
        <translation>Shilingi za Kenya (KES). Bofya kupanga kwa safu hii; bofya tena kugeuza mpangilio</translation>
    </message>
    <message>
        <source>{result} (code {code})</source>
        <translation>{result} (msimbo {code})</translation>
    </message>
    <message>
        <source>Could not read the transaction log: {error}</source>
        <translation>Kumbukumbu ya miamala haikuweza kusomwa: {error}</translation>
    </message>
    <message>
        <source>Transaction log</source>
        <translation>Kumbukumbu ya miamala</translation>
    </message>
    <message>
        <source>{count} payment</source>
        <translation>malipo {count}</translation>
    </message>
    <message>
        <source>{count} payments</source>
        <translation>malipo {count}</translation>
    </message>
    <message>
        <source>{count} row</source>
        <translation>muamala {count}</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>miamala {count}</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Malipo</translation>
    </message>
    <message>
        <source>checks and set-up are hidden</source>
        <translation>ukaguzi na usanidi vimefichwa</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Kila kitu</translation>
    </message>
    <message>
        <source>Money in</source>
        <translation>Pesa zilizoingia</translation>
    </message>
    <message>
        <source>payments out and checks are hidden</source>
        <translation>malipo yaliyotoka na ukaguzi vimefichwa</translation>
    </message>
    <message>
        <source>Money out</source>
        <translation>Pesa zilizotoka</translation>
    </message>
    <message>
        <source>payments in and checks are hidden</source>
        <translation>malipo yaliyoingia na ukaguzi vimefichwa</translation>
    </message>
    <message>
        <source>Checks and set-up</source>
        <translation>Ukaguzi na usanidi</translation>
    </message>
    <message>
        <source>payments are hidden</source>
        <translation>malipo yamefichwa</translation>
    </message>
    <message>
        <source>other operations are hidden</source>
        <translation>shughuli nyingine zimefichwa</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Wakati wowote</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Leo</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Jana</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Wiki hii</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Mwezi huu</translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation>Tarehe ulizochagua</translation>
    </message>
    <message>
        <source>From {start} is after To {end}</source>
        <translation>Kuanzia {start} ni baada ya Hadi {end}</translation>
    </message>
    <message>
        <source>in {amount} ({count})</source>
        <translation>zilizoingia {amount} ({count})</translation>
    </message>
    <message>
        <source>out {amount} ({count})</source>
        <translation>zilizotoka {amount} ({count})</translation>
    </message>
    <message>
        <source>pending {amount} ({count})</source>
        <translation>zinasubiri {amount} ({count})</translation>
    </message>
    <message>
        <source>failed {amount} ({count})</source>
        <translation>zilizoshindikana {amount} ({count})</translation>
    </message>
    <message>
        <source>in: completed payments received (customer payments and STK push).
out: completed payouts (customers, businesses, tax, refunds).
pending: payments sent whose outcome is not known yet.
failed: failed or rejected payments (no money moved).
The number in brackets is how many.</source>
        <translation>zilizoingia: malipo yaliyopokelewa na kukamilika (malipo ya wateja na STK push).
zilizotoka: malipo yaliyotoka na kukamilika (wateja, biashara, kodi, marejesho).
zinasubiri: malipo yaliyotumwa ambayo matokeo yake bado hayajulikani.
zilizoshindikana: malipo yaliyoshindikana au kukataliwa (hakuna pesa iliyohamishwa).
Nambari iliyo kwenye mabano ni idadi.</translation>
    </message>
    <message>
        <source>No payments match</source>
        <translation>Hakuna malipo yanayolingana</translation>
    </message>
    <message>
        <source>No rows match</source>
        <translation>Hakuna miamala inayolingana</translation>
    </message>
    <message>
        <source>The log is empty: what you send and receive appears here.</source>
        <translation>Kumbukumbu haina kitu: unachotuma na kupokea kitaonekana hapa.</translation>
    </message>
    <message>
        <source>{nothing}; {hidden}: choose Everything in Show.</source>
        <translation>{nothing}; {hidden}: chagua Kila kitu katika Onyesha.</translation>
    </message>
    <message>
        <source>{nothing}: {filters}. Clear filters to see them all.</source>
        <translation>{nothing}: {filters}. Futa vichujio uone yote.</translation>
    </message>
    <message>
        <source>Check stat&amp;us</source>
        <translation>&amp;Angalia hali</translation>
    </message>
    <message>
        <source>Ask Safaricom what happened to this transaction</source>
        <translation>Uliza Safaricom kilichotokea kwa muamala huu</translation>
    </message>
    <message>
        <source>&amp;Refund this</source>
        <translation>&amp;Rejesha malipo</translation>
    </message>
    <message>
        <source>Fill the Refund form with this payment</source>
        <translation>Jaza fomu ya Rejesha pesa kwa malipo haya</translation>
    </message>
    <message>
        <source>Send a&amp;gain…</source>
        <translation>T&amp;uma tena…</translation>
    </message>
    <message>
        <source>Fill this payment&apos;s form again to re-send it (only a rejected or failed one)</source>
        <translation>Jaza tena fomu ya malipo haya ili kuyatuma tena (yaliyokataliwa au kushindikana tu)</translation>
    </message>
    <message>
        <source>Reso&amp;lve…</source>
        <translation>&amp;Suluhisha…</translation>
    </message>
    <message>
        <source>Say what happened to a payment whose outcome is unknown, after checking it in the M-Pesa portal (with a written reason)</source>
        <translation>Sema kilichotokea kwa malipo ambayo matokeo yake hayajulikani, baada ya kuyaangalia kwenye tovuti ya M-PESA (pamoja na sababu iliyoandikwa)</translation>
    </message>
    <message>
        <source>Cop&amp;y receipt</source>
        <translation>&amp;Nakili risiti</translation>
    </message>
    <message>
        <source>Copy the receipt of this payment</source>
        <translation>Nakili risiti ya malipo haya</translation>
    </message>
    <message>
        <source>Asking Safaricom…</source>
        <translation>Inauliza Safaricom…</translation>
    </message>
    <message>
        <source>Status check sent; the row updates when the answer arrives.</source>
        <translation>Ombi la kuangalia hali limetumwa; muamala utasasishwa jibu likifika.</translation>
    </message>
    <message>
        <source>The status check failed.</source>
        <translation>Kuangalia hali kumeshindikana.</translation>
    </message>
    <message>
        <source>Resolved as {status}; the reason is in its history.</source>
        <translation>Imesuluhishwa kama {status}; sababu iko kwenye historia yake.</translation>
    </message>
    <message>
        <source>Copied {receipt}</source>
        <translation>Imenakiliwa: {receipt}</translation>
    </message>
    <message>
        <source>It was paid (completed)</source>
        <translation>Yalilipwa (imekamilika)</translation>
    </message>
    <message>
        <source>It was not paid (failed)</source>
        <translation>Hayakulipwa (imeshindikana)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Sababu</translation>
    </message>
    <message>
        <source>Resolve a payment whose outcome is unknown</source>
        <translation>Suluhisha malipo ambayo matokeo yake hayajulikani</translation>
    </message>
    <message>
        <source>{reference}: M-Pesa has not told the app what happened to this payment. Check it in the M-Pesa portal or statement, then say what you found.</source>
        <translation>{reference}: M-PESA haijaiambia programu kilichotokea kwa malipo haya. Yaangalie kwenye tovuti ya M-PESA au kwenye taarifa ya akaunti, kisha useme ulichokiona.</translation>
    </message>
    <message>
        <source>e.g. {receipt}</source>
        <translation>k.m. {receipt}</translation>
    </message>
    <message>
        <source>M-Pesa receipt</source>
        <translation>Risiti ya M-PESA</translation>
    </message>
    <message>
        <source>What you checked, and where (required)</source>
        <translation>Ulichoangalia, na wapi (lazima)</translation>
    </message>
    <message>
        <source>What happened:</source>
        <translation>Kilichotokea:</translation>
    </message>
    <message>
        <source>&amp;Receipt:</source>
        <translation>&amp;Risiti:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Sababu:</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Suluhisha</translation>
    </message>
    <message>
        <source>Choose what happened.</source>
        <translation>Chagua kilichotokea.</translation>
    </message>
    <message>
        <source>The reason is kept in the payment&apos;s history.</source>
        <translation>Sababu inahifadhiwa kwenye historia ya malipo.</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>Futa &amp;vichujio</translation>
    </message>
    <message>
        <source>Back to all payments, any time</source>
        <translation>Rudi kwenye malipo yote, wakati wowote</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>Hamisha n&amp;je…</translation>
    </message>
    <message>
        <source>Save the rows of these filters as a CSV file</source>
        <translation>Hifadhi miamala ya vichujio hivi kama faili ya CSV</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Inahesabu…</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Jumla</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Inapakia…</translation>
    </message>
    <message>
        <source>Could not count the log</source>
        <translation>Kumbukumbu haikuweza kuhesabiwa</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Locked: sign in to go on working.</source>
        <translation>Imefungwa: ingia ili uendelee na kazi.</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Wasifu</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Faili</translation>
    </message>
    <message>
        <source>&amp;Export log…</source>
        <translation>&amp;Hamisha kumbukumbu…</translation>
    </message>
    <message>
        <source>&amp;Lock / switch user</source>
        <translation>&amp;Funga / badilisha mtumiaji</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Ondoka</translation>
    </message>
    <message>
        <source>&amp;Switch to</source>
        <translation>&amp;Badili hadi</translation>
    </message>
    <message>
        <source>Settings of this profile…</source>
        <translation>Mipangilio ya wasifu huu…</translation>
    </message>
    <message>
        <source>Set up the Safaricom sandbox…</source>
        <translation>Sanidi sandbox ya Safaricom…</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Wasifu mpya…</translation>
    </message>
    <message>
        <source>Opening profile {name}…</source>
        <translation>Inafungua wasifu {name}…</translation>
    </message>
    <message>
        <source>Could not open the profile</source>
        <translation>Wasifu haukuweza kufunguliwa</translation>
    </message>
    <message>
        <source>○ Starting the offline simulator…</source>
        <translation>○ Inawasha kiigaji cha nje ya mtandao…</translation>
    </message>
    <message>
        <source>offline simulator at {url}</source>
        <translation>kiigaji cha nje ya mtandao kwenye {url}</translation>
    </message>
    <message>
        <source>⚠ Cannot reach {where}</source>
        <translation>⚠ Haiwezi kufikia {where}</translation>
    </message>
    <message>
        <source>● Connected to {where}</source>
        <translation>● Imeunganishwa na {where}</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>Umeingia kama {name} ({role})</translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation>{count} zinasubiri</translation>
    </message>
    <message>
        <source>No pending transactions</source>
        <translation>Hakuna miamala inayosubiri</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>{amount} to {phone}</source>
        <translation>{amount} kwa {phone}</translation>
    </message>
    <message>
        <source>{amount} to business {shortcode}</source>
        <translation>{amount} kwa biashara {shortcode}</translation>
    </message>
    <message>
        <source>{short} of {amount}</source>
        <translation>{short} ya {amount}</translation>
    </message>
    <message>
        <source>{short} of {amount} from {phone}</source>
        <translation>{short} ya {amount} kutoka {phone}</translation>
    </message>
    <message>
        <source>{amount} from {phone}</source>
        <translation>{amount} kutoka {phone}</translation>
    </message>
    <message>
        <source>{what} of {subject}</source>
        <translation>{what} ya {subject}</translation>
    </message>
    <message>
        <source>{what} completed, receipt {receipt}</source>
        <translation>Imekamilika: {what}, risiti {receipt}</translation>
    </message>
    <message>
        <source>{what} completed</source>
        <translation>Imekamilika: {what}</translation>
    </message>
    <message>
        <source>{what} failed: {reason}</source>
        <translation>Imeshindikana: {what}: {reason}</translation>
    </message>
    <message>
        <source>{what} failed</source>
        <translation>Imeshindikana: {what}</translation>
    </message>
    <message>
        <source>{what} timed out at Safaricom; a status check will settle it</source>
        <translation>Muda umekwisha Safaricom: {what}; kuangalia hali kutathibitisha</translation>
    </message>
    <message>
        <source>{what}: outcome unknown; check its status before any retry</source>
        <translation>{what}: matokeo hayajulikani; angalia hali yake kabla ya kujaribu tena</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Funga</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Balance</source>
        <translation>Salio</translation>
    </message>
    <message>
        <source>C2B URL registration</source>
        <translation>usajili wa URL za C2B</translation>
    </message>
    <message>
        <source>C2B URLs</source>
        <translation>URL za C2B</translation>
    </message>
    <message>
        <source>C2B simulate</source>
        <translation>Igiza C2B</translation>
    </message>
    <message>
        <source>Pay Pochi</source>
        <translation>Lipa Pochi</translation>
    </message>
    <message>
        <source>Pay business</source>
        <translation>Lipa biashara</translation>
    </message>
    <message>
        <source>Pay customer</source>
        <translation>Lipa mteja</translation>
    </message>
    <message>
        <source>Payment in</source>
        <translation>Malipo yaliyoingia</translation>
    </message>
    <message>
        <source>Pull Transactions query</source>
        <translation>ombi la Pull Transactions</translation>
    </message>
    <message>
        <source>Pull Transactions registration</source>
        <translation>usajili wa Pull Transactions</translation>
    </message>
    <message>
        <source>Pull query</source>
        <translation>Ombi la Pull</translation>
    </message>
    <message>
        <source>Pull register</source>
        <translation>Usajili wa Pull</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Msimbo wa QR</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Rejesha pesa</translation>
    </message>
    <message>
        <source>STK push</source>
        <translation>STK push</translation>
    </message>
    <message>
        <source>STK push query</source>
        <translation>ombi la hali ya STK push</translation>
    </message>
    <message>
        <source>STK query</source>
        <translation>Hali ya STK push</translation>
    </message>
    <message>
        <source>Status check</source>
        <translation>Kuangalia hali</translation>
    </message>
    <message>
        <source>Tax remittance</source>
        <translation>Malipo ya kodi</translation>
    </message>
    <message>
        <source>balance check</source>
        <translation>kuangalia salio</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>malipo</translation>
    </message>
    <message>
        <source>payment QR code</source>
        <translation>msimbo wa QR wa malipo</translation>
    </message>
    <message>
        <source>payment request</source>
        <translation>ombi la malipo</translation>
    </message>
    <message>
        <source>payment request (STK push)</source>
        <translation>ombi la malipo (STK push)</translation>
    </message>
    <message>
        <source>payment to a Pochi la Biashara wallet</source>
        <translation>malipo kwa pochi ya Pochi la Biashara</translation>
    </message>
    <message>
        <source>payment to a business</source>
        <translation>malipo kwa biashara</translation>
    </message>
    <message>
        <source>payment to a customer</source>
        <translation>malipo kwa mteja</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>marejesho</translation>
    </message>
    <message>
        <source>refund (reversal)</source>
        <translation>marejesho (kurejesha pesa)</translation>
    </message>
    <message>
        <source>simulated customer payment</source>
        <translation>malipo ya mteja ya kuigiza</translation>
    </message>
    <message>
        <source>status check</source>
        <translation>kuangalia hali</translation>
    </message>
    <message>
        <source>tax payment</source>
        <translation>malipo ya kodi</translation>
    </message>
</context>
<context>
    <name>OperationTab</name>
    <message>
        <source>Re-send cancelled; nothing was sent.</source>
        <translation>Kutuma tena kumeghairiwa; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Sends again</source>
        <translation>Inatuma tena</translation>
    </message>
    <message>
        <source>Confirm payment</source>
        <translation>Thibitisha malipo</translation>
    </message>
    <message>
        <source>Cancelled; nothing was sent.</source>
        <translation>Imeghairiwa; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Payment type</source>
        <translation>Aina ya malipo</translation>
    </message>
    <message>
        <source>From shortcode</source>
        <translation>Kutoka nambari ya biashara</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Sending to M-Pesa…</source>
        <translation>Inatuma kwa M-PESA…</translation>
    </message>
    <message>
        <source>M-Pesa accepted the request; waiting for the result.</source>
        <translation>M-PESA imekubali ombi; inasubiri matokeo.</translation>
    </message>
    <message>
        <source>Completed.</source>
        <translation>Imekamilika.</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>Imeshindikana.</translation>
    </message>
    <message>
        <source>Timed out at M-Pesa; a status check will settle it.</source>
        <translation>Muda umekwisha M-PESA; kuangalia hali kutathibitisha.</translation>
    </message>
    <message>
        <source>M-Pesa refused the request; nothing happened.</source>
        <translation>M-PESA imekataa ombi; hakuna kilichotokea.</translation>
    </message>
    <message>
        <source>Outcome unknown: check its status before any retry.</source>
        <translation>Matokeo hayajulikani: angalia hali yake kabla ya kujaribu tena.</translation>
    </message>
    <message>
        <source>Waiting for an approver; nothing is sent before.</source>
        <translation>Inasubiri mwidhinishaji; hakuna kinachotumwa kabla ya hapo.</translation>
    </message>
    <message>
        <source>Declined by an approver; nothing was sent.</source>
        <translation>Imekataliwa na mwidhinishaji; hakuna kilichotumwa.</translation>
    </message>
    <message>
        <source>Last request</source>
        <translation>Ombi la mwisho</translation>
    </message>
    <message>
        <source>Nothing sent yet.</source>
        <translation>Hakuna kilichotumwa bado.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Daraja ID</source>
        <translation>Kitambulisho cha Daraja</translation>
    </message>
    <message>
        <source>{fact}:</source>
        <translation>{fact}:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Maelezo zaidi</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Haijatumwa</translation>
    </message>
    <message>
        <source>Result code: {code}</source>
        <translation>Msimbo wa matokeo: {code}</translation>
    </message>
    <message>
        <source>Daraja says: {words}</source>
        <translation>Daraja inasema: {words}</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>Custom server</source>
        <translation>Seva maalum</translation>
    </message>
    <message>
        <source>LIVE (real money)</source>
        <translation>HALISI (pesa halisi)</translation>
    </message>
    <message>
        <source>Offline simulator (no real money)</source>
        <translation>Kiigaji cha nje ya mtandao (hakuna pesa halisi)</translation>
    </message>
    <message>
        <source>Safaricom sandbox (test money)</source>
        <translation>Sandbox ya Safaricom (pesa za majaribio)</translation>
    </message>
    <message>
        <source>open the live profile &apos;{name}&apos;</source>
        <translation>kufungua wasifu halisi &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>Could not use the file: {reason}</source>
        <translation>Faili haikuweza kutumika: {reason}</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>haisomeki</translation>
    </message>
    <message>
        <source>Confirm LIVE money</source>
        <translation>Thibitisha pesa HALISI</translation>
    </message>
    <message>
        <source>LIVE - real money</source>
        <translation>HALISI - pesa halisi</translation>
    </message>
    <message>
        <source>You are about to {action}. Payments from profile &apos;{name}&apos; move real money from the business&apos;s M-Pesa account and cannot be undone from this app.

Type the profile name ({name}) to confirm.</source>
        <translation>Unakaribia {action}. Malipo kutoka wasifu &apos;{name}&apos; huhamisha pesa halisi kutoka akaunti ya M-PESA ya biashara na hayawezi kutenguliwa kutoka programu hii.

Andika jina la wasifu ({name}) kuthibitisha.</translation>
    </message>
    <message>
        <source>The profile name, typed to confirm</source>
        <translation>Jina la wasifu, lililoandikwa kuthibitisha</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Thibitisha</translation>
    </message>
    <message>
        <source>Create sandbox profile</source>
        <translation>Unda wasifu wa sandbox</translation>
    </message>
    <message>
        <source>Set up the Safaricom sandbox</source>
        <translation>Sanidi sandbox ya Safaricom</translation>
    </message>
    <message>
        <source>Safaricom&apos;s public sandbox test values are filled in below. Add the consumer key and consumer secret of your app from developer.safaricom.co.ke (My Apps); they are kept in the system keyring, never in a file.</source>
        <translation>Thamani za majaribio za umma za sandbox ya Safaricom zimejazwa hapa chini. Ongeza consumer key na consumer secret za programu yako kutoka developer.safaricom.co.ke (My Apps); zinahifadhiwa katika hifadhi ya siri ya mfumo, kamwe si kwenye faili.</translation>
    </message>
    <message>
        <source>from your Daraja app</source>
        <translation>kutoka programu yako ya Daraja</translation>
    </message>
    <message>
        <source>Your app</source>
        <translation>Programu yako</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Jina la wasifu</translation>
    </message>
    <message>
        <source>Your app&apos;s test shortcode (Shortcode 1 on the test page)</source>
        <translation>Nambari ya biashara ya majaribio ya programu yako (Shortcode 1 kwenye ukurasa wa majaribio)</translation>
    </message>
    <message>
        <source>Public test values (prefilled; change only if your app&apos;s differ)</source>
        <translation>Thamani za majaribio za umma (zimejazwa; badilisha tu kama za programu yako ni tofauti)</translation>
    </message>
    <message>
        <source>Shortcode (paybill, B2C)</source>
        <translation>Nambari ya biashara (Lipa Bili, B2C)</translation>
    </message>
    <message>
        <source>Switch to this profile now</source>
        <translation>Badili hadi wasifu huu sasa</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>Inahifadhi...</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Unda</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Wasifu mpya</translation>
    </message>
    <message>
        <source>https://... (or http://127.0.0.1:PORT for a simulator)</source>
        <translation>https://... (au http://127.0.0.1:PORT kwa kiigaji)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Aina</translation>
    </message>
    <message>
        <source>create a LIVE profile</source>
        <translation>kuunda wasifu HALISI</translation>
    </message>
    <message>
        <source>turn on LIVE money</source>
        <translation>kuwasha pesa HALISI</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Onyesha maelezo...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ficha maelezo...</translation>
    </message>
</context>
<context>
    <name>Reconcile</name>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Saa</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Iliyolipwa ndani</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Iliyotolewa</translation>
    </message>
    <message>
        <source>Log amount</source>
        <translation>Kiasi kwenye kumbukumbu</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>Kinachotofautiana</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>Mhusika mwingine</translation>
    </message>
    <message>
        <source>Log status</source>
        <translation>Hali kwenye kumbukumbu</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Shughuli</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Statement file (the Org Portal&apos;s export, CSV or XLSX)</source>
        <translation>Faili ya taarifa (iliyohamishwa kutoka Org Portal, CSV au XLSX)</translation>
    </message>
    <message>
        <source>the statement file</source>
        <translation>faili ya taarifa</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <source>Pull Transactions (online: payments received, last 48 hours)</source>
        <translation>Pull Transactions (mtandaoni: malipo yaliyopokelewa, saa 48 zilizopita)</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Linganisha hesabu</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Hifadhi ripoti…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Kuanzia</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hadi</translation>
    </message>
    <message>
        <source>Statement file</source>
        <translation>Faili ya taarifa</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Makundi</translation>
    </message>
    <message>
        <source>Rows of the category</source>
        <translation>Safu za kundi</translation>
    </message>
    <message>
        <source>To must be after From.</source>
        <translation>Hadi lazima iwe baada ya Kuanzia.</translation>
    </message>
    <message>
        <source>M-Pesa (Pull Transactions)</source>
        <translation>M-PESA (Pull Transactions)</translation>
    </message>
    <message>
        <source>Choose the statement file first.</source>
        <translation>Chagua faili ya taarifa kwanza.</translation>
    </message>
    <message>
        <source>Reconciling the log with {source}…</source>
        <translation>Inalinganisha kumbukumbu na {source}…</translation>
    </message>
    <message>
        <source>{count} to look at.</source>
        <translation>{count} za kuangalia.</translation>
    </message>
    <message>
        <source>Everything matches.</source>
        <translation>Kila kitu kinalingana.</translation>
    </message>
    <message>
        <source>Showing {shown} of {total}: Save report… writes them all.</source>
        <translation>Zinaonyeshwa {shown} kati ya {total}: Hifadhi ripoti… huandika zote.</translation>
    </message>
    <message>
        <source>Statements (*.csv *.xlsx);;All files (*)</source>
        <translation>Taarifa (*.csv *.xlsx);;Faili zote (*)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Hifadhi ripoti</translation>
    </message>
    <message>
        <source>Wrote {count} rows to {path}.</source>
        <translation>Safu {count} zimeandikwa kwenye {path}.</translation>
    </message>
</context>
<context>
    <name>Resend</name>
    <message>
        <source>no reason was recorded</source>
        <translation>hakuna sababu iliyorekodiwa</translation>
    </message>
    <message>
        <source>Sending again {what} {reference} ({status}: {reason})</source>
        <translation>Inatuma tena {what} {reference} ({status}: {reason})</translation>
    </message>
    <message>
        <source>Check the details and send: the new payment is linked to the original in the log.</source>
        <translation>Kagua maelezo na utume: malipo mapya yanaunganishwa na ya awali kwenye kumbukumbu.</translation>
    </message>
    <message>
        <source>Cancel re-send</source>
        <translation>Ghairi kutuma tena</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>admin</source>
        <translation>msimamizi</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>mwidhinishaji</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>mkaguzi</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>mwandaaji</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Shortcode (paybill or till)</source>
        <translation>Nambari ya biashara (Lipa Bili au Till)</translation>
    </message>
    <message>
        <source>B2C shortcode</source>
        <translation>Nambari ya biashara ya B2C</translation>
    </message>
    <message>
        <source>STK shortcode</source>
        <translation>Nambari ya biashara ya STK</translation>
    </message>
    <message>
        <source>Till number (buy goods)</source>
        <translation>Nambari ya Till (Nunua Bidhaa)</translation>
    </message>
    <message>
        <source>Test phone</source>
        <translation>Simu ya majaribio</translation>
    </message>
    <message>
        <source>Initiator name</source>
        <translation>Jina la mwanzishaji</translation>
    </message>
    <message>
        <source>Relay URL</source>
        <translation>URL ya relay</translation>
    </message>
    <message>
        <source>Result URL</source>
        <translation>URL ya matokeo</translation>
    </message>
    <message>
        <source>Queue timeout URL</source>
        <translation>URL ya muda wa foleni kuisha</translation>
    </message>
    <message>
        <source>STK callback URL</source>
        <translation>URL ya majibu ya STK</translation>
    </message>
    <message>
        <source>C2B confirmation URL</source>
        <translation>URL ya kuthibitisha malipo ya C2B</translation>
    </message>
    <message>
        <source>C2B validation URL</source>
        <translation>URL ya uthibitisho wa C2B</translation>
    </message>
    <message>
        <source>Per-payment cap (KES)</source>
        <translation>Kikomo cha kila malipo (KES)</translation>
    </message>
    <message>
        <source>Daily cap (KES)</source>
        <translation>Kikomo cha siku (KES)</translation>
    </message>
    <message>
        <source>Retype amounts above (KES)</source>
        <translation>Andika kiasi tena kikizidi (KES)</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Ufunguo wa mtumiaji (consumer key)</translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation>Siri ya mtumiaji (consumer secret)</translation>
    </message>
    <message>
        <source>STK passkey</source>
        <translation>Nenosiri la STK (passkey)</translation>
    </message>
    <message>
        <source>Initiator password</source>
        <translation>Nenosiri la mwanzishaji</translation>
    </message>
    <message>
        <source>or ready SecurityCredential</source>
        <translation>au SecurityCredential iliyo tayari</translation>
    </message>
    <message>
        <source>Relay token</source>
        <translation>Tokeni ya relay</translation>
    </message>
    <message>
        <source>Relay callback secret</source>
        <translation>Siri ya majibu ya relay</translation>
    </message>
    <message>
        <source>Repeat warning window (hours)</source>
        <translation>Muda wa onyo la malipo yanayorudiwa (saa)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Anwani ya seva</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Cheti</translation>
    </message>
    <message>
        <source>Profile settings: {name}</source>
        <translation>Mipangilio ya wasifu: {name}</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>hakuna kikomo</translation>
    </message>
    <message>
        <source>A payout identical to one completed this many hours ago is named in the confirmation; 0 turns the warning off</source>
        <translation>Malipo yanayofanana na yaliyokamilika ndani ya saa hizi yanatajwa katika uthibitisho; 0 inazima onyo</translation>
    </message>
    <message>
        <source>checking the keyring...</source>
        <translation>inakagua hifadhi ya siri...</translation>
    </message>
    <message>
        <source>embedded simulator (starts with the app)</source>
        <translation>kiigaji kilichojengwa ndani (huanza na programu)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Muunganisho</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Jaribu muunganisho</translation>
    </message>
    <message>
        <source>Shortcodes</source>
        <translation>Nambari za biashara</translation>
    </message>
    <message>
        <source>Initiator and certificate</source>
        <translation>Mwanzishaji na cheti</translation>
    </message>
    <message>
        <source>Relay and callback URLs</source>
        <translation>Relay na URL za majibu</translation>
    </message>
    <message>
        <source>Leave a URL empty to derive it from the relay.</source>
        <translation>Acha URL wazi ili itokane na relay.</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Vikomo</translation>
    </message>
    <message>
        <source>Allow money operations (payouts, refunds, STK push)</source>
        <translation>Ruhusu shughuli za pesa (malipo, marejesho, STK push)</translation>
    </message>
    <message>
        <source>Window (every profile)</source>
        <translation>Dirisha (kila wasifu)</translation>
    </message>
    <message>
        <source>Language / Lugha</source>
        <translation>Lugha / Language</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Rangi</translation>
    </message>
    <message>
        <source>stored - leave empty to keep</source>
        <translation>imehifadhiwa - acha wazi kuibakiza</translation>
    </message>
    <message>
        <source>built-in public test value</source>
        <translation>thamani ya majaribio iliyojengwa ndani</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>haijawekwa</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Inaunganisha...</translation>
    </message>
    <message>
        <source>No system keyring was found on this computer, so secrets are kept in memory for this session only and will need to be entered again after the app closes. They are never written to disk. (Scripts can also pass them in environment variables such as MPESA_DESKTOP_&lt;PROFILE&gt;_CONSUMER_KEY.)</source>
        <translation>Hakuna hifadhi ya siri ya mfumo iliyopatikana kwenye kompyuta hii, kwa hivyo siri zinawekwa kwenye kumbukumbu kwa kipindi hiki pekee na zitahitaji kuwekwa tena programu ikifungwa. Haziandikwi kamwe kwenye diski. (Hati pia zinaweza kuzipitisha kwa vigezo vya mazingira kama MPESA_DESKTOP_&lt;PROFILE&gt;_CONSUMER_KEY.)</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Sign in</source>
        <translation>Ingia</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Nenosiri</translation>
    </message>
    <message>
        <source>This log has users: sign in to work in it.</source>
        <translation>Kumbukumbu hii ina watumiaji: ingia ili kuifanyia kazi.</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Jina la &amp;mtumiaji</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Nenosiri</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Andika jina lako la mtumiaji na nenosiri.</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>ack</source>
        <translation>jibu la kwanza</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>callback</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>kuangalia hali</translation>
    </message>
    <message>
        <source>startup</source>
        <translation>kuanza kwa programu</translation>
    </message>
    <message>
        <source>statement</source>
        <translation>taarifa ya akaunti</translation>
    </message>
    <message>
        <source>user</source>
        <translation>karani</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Accepted</source>
        <translation>Imekubaliwa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Imekamilika</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Imekataliwa</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Rasimu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Imeshindikana</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Imekataliwa</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Inatuma</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Muda umeisha</translation>
    </message>
    <message>
        <source>To approve</source>
        <translation>Kuidhinishwa</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Haijulikani</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Account balance</source>
        <translation>Salio la akaunti</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Idhini</translation>
    </message>
    <message>
        <source>Ask M-Pesa for the balance of each account of your shortcode (Working, Utility, Charges Paid...). The answer arrives a few seconds later and fills the table.</source>
        <translation>Uliza M-PESA salio la kila akaunti ya nambari yako ya biashara (Working, Utility, Charges Paid...). Jibu linafika baada ya sekunde chache na kujaza jedwali.</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Salio</translation>
    </message>
    <message>
        <source>Bulk payments</source>
        <translation>Malipo ya jumla</translation>
    </message>
    <message>
        <source>C2B URLs</source>
        <translation>URL za C2B</translation>
    </message>
    <message>
        <source>Check balance</source>
        <translation>Angalia salio</translation>
    </message>
    <message>
        <source>Check status</source>
        <translation>Angalia hali</translation>
    </message>
    <message>
        <source>Find out what happened to a transaction. Give its M-Pesa receipt, or the originator conversation ID of a request you sent (shown in the transaction log), or both.</source>
        <translation>Jua kilichotokea kwa muamala. Weka risiti yake ya M-PESA, au kitambulisho cha mazungumzo ya mwanzishaji cha ombi ulilotuma (kinaonyeshwa kwenye kumbukumbu ya miamala), au vyote viwili.</translation>
    </message>
    <message>
        <source>Make QR code</source>
        <translation>Tengeneza msimbo wa QR</translation>
    </message>
    <message>
        <source>Make a QR code for a customer to scan with the M-Pesa app: it carries your till or paybill, the amount and a reference, so the customer only enters their PIN. Nothing is paid until they do. Show it on screen, or save it as a picture to print or send.</source>
        <translation>Tengeneza msimbo wa QR ambao mteja ataskani kwa programu ya M-PESA: una Till au Lipa Bili yako, kiasi na rejea, hivyo mteja anaweka PIN yake tu. Hakuna kinacholipwa hadi aiweke. Uonyeshe kwenye skrini, au uuhifadhi kama picha ya kuchapisha au kutuma.</translation>
    </message>
    <message>
        <source>Once per shortcode: lets the app ask M-Pesa for the payments it received (the last 48 hours), to reconcile without a statement file.</source>
        <translation>Mara moja kwa kila nambari ya biashara: inaruhusu programu kuuliza M-PESA malipo iliyopokea (saa 48 zilizopita), ili kulinganisha hesabu bila faili ya taarifa.</translation>
    </message>
    <message>
        <source>Pay Pochi…</source>
        <translation>Lipa Pochi…</translation>
    </message>
    <message>
        <source>Pay a Pochi</source>
        <translation>Lipa Pochi</translation>
    </message>
    <message>
        <source>Paying {amount} to the Pochi of {phone}</source>
        <translation>Inalipa {amount} kwa Pochi ya {phone}</translation>
    </message>
    <message>
        <source>Pay a Pochi la Biashara wallet</source>
        <translation>Lipa pochi ya Pochi la Biashara</translation>
    </message>
    <message>
        <source>Pochi la Biashara of {phone}</source>
        <translation>Pochi la Biashara la {phone}</translation>
    </message>
    <message>
        <source>paybill</source>
        <translation>Lipa Bili</translation>
    </message>
    <message>
        <source>till</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>B2C shortcode</source>
        <translation>nambari ya biashara ya B2C</translation>
    </message>
    <message>
        <source>business</source>
        <translation>biashara</translation>
    </message>
    <message>
        <source>Paying {amount} of tax to KRA</source>
        <translation>Inalipa kodi ya {amount} kwa KRA</translation>
    </message>
    <message>
        <source>Paying {amount} to {phone}</source>
        <translation>Inalipa {amount} kwa {phone}</translation>
    </message>
    <message>
        <source>Pay KRA tax</source>
        <translation>Lipa kodi ya KRA</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>{recipient}, account {account}</source>
        <translation>{recipient}, akaunti {account}</translation>
    </message>
    <message>
        <source>Pay a business</source>
        <translation>Lipa biashara</translation>
    </message>
    <message>
        <source>Pay a customer</source>
        <translation>Lipa mteja</translation>
    </message>
    <message>
        <source>Pay another business&apos;s paybill or till from your shortcode, top up your B2C account, or pay tax to KRA. A paybill payment needs the account number the business gave you; a tax payment needs the payment registration number (PRN) from KRA.</source>
        <translation>Lipa Lipa Bili au Till ya biashara nyingine kutoka nambari yako ya biashara, ongeza pesa kwenye akaunti yako ya B2C, au lipa kodi kwa KRA. Malipo ya Lipa Bili yanahitaji nambari ya akaunti uliyopewa na biashara; malipo ya kodi yanahitaji nambari ya usajili wa malipo (PRN) kutoka KRA.</translation>
    </message>
    <message>
        <source>Pay business…</source>
        <translation>Lipa biashara…</translation>
    </message>
    <message>
        <source>Pay customer…</source>
        <translation>Lipa mteja…</translation>
    </message>
    <message>
        <source>M-Pesa&apos;s answer held no QR code picture; make it again.</source>
        <translation>Jibu la M-PESA halikuwa na picha ya msimbo wa QR; utengeneze tena.</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Picha za PNG (*.png)</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Msimbo wa QR</translation>
    </message>
    <message>
        <source>Making a QR code for {amount}</source>
        <translation>Inatengeneza msimbo wa QR wa {amount}</translation>
    </message>
    <message>
        <source>{amount}, reference {reference}</source>
        <translation>{amount}, rejea {reference}</translation>
    </message>
    <message>
        <source>QR code for {words} ({width} × {height} pixels). Save as PNG keeps it at that size.</source>
        <translation>Msimbo wa QR wa {words} (pikseli {width} × {height}). Hifadhi kama PNG huuhifadhi kwa ukubwa huo.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>Hifadhi msimbo wa QR</translation>
    </message>
    <message>
        <source>Could not save {path}: {problem}</source>
        <translation>{path} haikuweza kuhifadhiwa: {problem}</translation>
    </message>
    <message>
        <source>Saved the QR code to {path}</source>
        <translation>Msimbo wa QR umehifadhiwa kwenye {path}</translation>
    </message>
    <message>
        <source>QR code for a customer to pay</source>
        <translation>Msimbo wa QR wa mteja kulipa</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Linganisha hesabu</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Rejesha pesa</translation>
    </message>
    <message>
        <source>Refunding {amount} of {receipt}</source>
        <translation>Inarejesha {amount} ya {receipt}</translation>
    </message>
    <message>
        <source>Refund a payment</source>
        <translation>Rejesha malipo</translation>
    </message>
    <message>
        <source>the payer of receipt {receipt}</source>
        <translation>aliyelipa risiti {receipt}</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Rejesha…</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Sajili</translation>
    </message>
    <message>
        <source>Register C2B URLs</source>
        <translation>Sajili URL za C2B</translation>
    </message>
    <message>
        <source>Register URLs</source>
        <translation>Sajili URL</translation>
    </message>
    <message>
        <source>Register for Pull Transactions</source>
        <translation>Jisajili kwa Pull Transactions</translation>
    </message>
    <message>
        <source>Request a payment</source>
        <translation>Omba malipo</translation>
    </message>
    <message>
        <source>Reverse a payment a customer made to you (C2B or STK push), by its M-Pesa receipt. Payouts you made (B2C) cannot be reversed this way.</source>
        <translation>Rejesha malipo ambayo mteja alikufanyia (C2B au STK push), kwa risiti yake ya M-PESA. Malipo uliyotoa (B2C) hayawezi kurejeshwa kwa njia hii.</translation>
    </message>
    <message>
        <source>Sandbox and offline only: pretend a customer paid your shortcode. Register the URLs above first: M-Pesa announces payments only to registered URLs.</source>
        <translation>Sandbox na nje ya mtandao pekee: igiza mteja akilipa nambari yako ya biashara. Sajili URL zilizo juu kwanza: M-PESA hutangaza malipo kwa URL zilizosajiliwa pekee.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Tuma</translation>
    </message>
    <message>
        <source>Send money from your B2C shortcode to a customer&apos;s or employee&apos;s M-Pesa number. You confirm the amount before anything is sent.</source>
        <translation>Tuma pesa kutoka nambari yako ya biashara ya B2C kwa nambari ya M-PESA ya mteja au mfanyakazi. Unathibitisha kiasi kabla chochote hakijatumwa.</translation>
    </message>
    <message>
        <source>Send money from your shortcode to a trader&apos;s Pochi la Biashara, the business wallet on their M-Pesa number. You confirm the amount before anything is sent.</source>
        <translation>Tuma pesa kutoka nambari yako ya biashara kwa Pochi la Biashara la mfanyabiashara, pochi ya biashara kwenye nambari yake ya M-PESA. Unathibitisha kiasi kabla chochote hakijatumwa.</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Tuma ombi</translation>
    </message>
    <message>
        <source>Simulate a customer payment</source>
        <translation>Igiza malipo ya mteja</translation>
    </message>
    <message>
        <source>Simulate payment</source>
        <translation>Igiza malipo</translation>
    </message>
    <message>
        <source>Tell M-Pesa where to announce payments customers make to your shortcode. In production this is done once; changing it later needs Safaricom&apos;s URL management page.</source>
        <translation>Iambie M-PESA mahali pa kutangaza malipo wanayofanya wateja kwa nambari yako ya biashara. Katika mfumo halisi hii hufanywa mara moja; kuibadilisha baadaye kunahitaji ukurasa wa Safaricom wa kusimamia URL.</translation>
    </message>
    <message>
        <source>The customer gets a prompt on their phone and pays by entering their M-Pesa PIN. The status below updates by itself; Check now asks M-Pesa directly.</source>
        <translation>Mteja anapata ombi kwenye simu yake na analipa kwa kuweka PIN yake ya M-PESA. Hali iliyo chini inajisasisha yenyewe; Angalia sasa inauliza M-PESA moja kwa moja.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Leo</translation>
    </message>
    <message>
        <source>Transaction log</source>
        <translation>Kumbukumbu ya miamala</translation>
    </message>
    <message>
        <source>Transaction status</source>
        <translation>Hali ya muamala</translation>
    </message>
    <message>
        <source>Simulating payments is not possible in a live profile: real customers pay you.</source>
        <translation>Kuigiza malipo hakuwezekani katika wasifu halisi: wateja halisi wanakulipa.</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Angalia sasa</translation>
    </message>
    <message>
        <source>Ask M-Pesa for the status of the last request (STK query)</source>
        <translation>Uliza M-PESA hali ya ombi la mwisho (STK query)</translation>
    </message>
    <message>
        <source>Asking {phone} to pay {amount}</source>
        <translation>Inamwomba {phone} alipe {amount}</translation>
    </message>
    <message>
        <source>Asking M-Pesa…</source>
        <translation>Inauliza M-PESA…</translation>
    </message>
    <message>
        <source>M-Pesa says: {words}</source>
        <translation>M-PESA inasema: {words}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Hali: {status}</translation>
    </message>
    <message>
        <source>Money operations are turned off for this live profile. Turn them on in Profile &gt; Settings of this profile before paying from it.</source>
        <translation>Shughuli za pesa zimezimwa kwa wasifu huu halisi. Ziwashe katika Wasifu &gt; Mipangilio ya wasifu huu kabla ya kulipa kutoka kwake.</translation>
    </message>
    <message>
        <source>Checking the status of {what}</source>
        <translation>Inaangalia hali ya {what}</translation>
    </message>
</context>
<context>
    <name>Today</name>
    <message>
        <source>Time</source>
        <translation>Saa</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Shughuli</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Mhusika</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Risiti</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Rejea</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Leo</translation>
    </message>
    <message>
        <source>Today&apos;s money by figure</source>
        <translation>Pesa za leo kwa kila kundi</translation>
    </message>
    <message>
        <source>Balance over 30 days</source>
        <translation>Salio kwa siku 30</translation>
    </message>
    <message>
        <source>Balance, last 30 days (total available)</source>
        <translation>Salio, siku 30 zilizopita (jumla inayopatikana)</translation>
    </message>
    <message>
        <source>Choose a figure to see its rows.</source>
        <translation>Chagua kundi uone miamala yake.</translation>
    </message>
    <message>
        <source>Rows of the figure</source>
        <translation>Miamala ya kundi</translation>
    </message>
    <message>
        <source>your business name, printed on receipts</source>
        <translation>jina la biashara yako, huchapishwa kwenye risiti</translation>
    </message>
    <message>
        <source>Business name on receipts</source>
        <translation>Jina la biashara kwenye risiti</translation>
    </message>
    <message>
        <source>Receipt PDF…</source>
        <translation>Risiti ya PDF…</translation>
    </message>
    <message>
        <source>Today&apos;s money (KES)</source>
        <translation>Pesa za leo (KES)</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>Jina la biashara</translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation>Leo, {day}</translation>
    </message>
    <message>
        <source>{figure}: 1 row</source>
        <translation>{figure}: muamala 1</translation>
    </message>
    <message>
        <source>{figure}: the newest {count} rows</source>
        <translation>{figure}: miamala {count} ya karibuni zaidi</translation>
    </message>
    <message>
        <source>{figure}: {count} rows</source>
        <translation>{figure}: miamala {count}</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Hifadhi risiti</translation>
    </message>
    <message>
        <source>Receipt saved to {path}</source>
        <translation>Risiti imehifadhiwa kwenye {path}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Imeshindikana</translation>
    </message>
    <message>
        <source>Money in</source>
        <translation>Pesa zilizoingia</translation>
    </message>
    <message>
        <source>Money out</source>
        <translation>Pesa zilizotoka</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Zinasubiri</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: hitilafu: %(message)s
</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>chaguo lenye utata: %(option)s linaweza kulingana na %(matches)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>hoja %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>ilitarajiwa angalau hoja moja</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>ilitarajiwa hoja isiyozidi moja</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>ilitarajiwa hoja moja</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>thamani ya %(type)s si sahihi: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>chaguo si sahihi: %(value)r (chagua kutoka %(choices)s)</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>hairuhusiwi pamoja na hoja %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>mojawapo ya hoja %s inahitajika</translation>
    </message>
    <message>
        <source>options</source>
        <translation>chaguo</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>hoja za nafasi</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>onyesha msaada huu na utoke</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>hoja zifuatazo zinahitajika: %s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>hoja zisizotambulika: %s</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>matumizi: </translation>
    </message>
</context>
</TS>
