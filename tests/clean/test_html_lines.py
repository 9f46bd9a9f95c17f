"""Sign-off lines under an HTML story (clean/html_lines.py)."""

from __future__ import annotations

import pytest

from newsdesk.clean.html_lines import signoff_reason


@pytest.mark.parametrize(("line", "reason"), [
    ("Write to Al Root at allen.root@dowjones.com", "contact"),
    ("Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.", "contact"),
    ("Reach the reporters on Twitter at http://twitter.com/MegKinnardAP", "contact"),
    ("paul.takahashi@chron.com", "contact"),
    ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "share"),
    ("Keith Bradsher contributed reporting from Hong Kong.", "contributors"),
    ("Fox News’ Jessica Napoli contributed to this report.", "contributors"),
    ("Additional reporting by Joseph Hudak", "contributors"),
    ("Reporting by Jane Doe; Editing by John Roe", "contributors"),
    ("More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports", "read-more"),
    ("Follow AP's full coverage of Brexit at https://www.apnews.com/Brexit", "read-more"),
    ("copyright Inexhibit 2019 - ISSN: 2283-5474", "copyright"),
])
def test_signoff_reason_names_each_signoff(line: str, reason: str) -> None:
    assert signoff_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Follow the money, the minister said, and you will find the contractor.",
    "The ministry said it had contributed to the fund since 2019.",
    "Copyright law was at the heart of the dispute between the two publishers, who had "
    "argued for years over who owned the archive and whether the new owners could print it "
    "again, according to court papers filed on Monday in London by lawyers for both sides.",
    "Investigators wrote to the company at press@example.com on Monday but the firm, which "
    "runs three shipyards on the Tyne and employs about 4,000 people, has not replied to any "
    "of the questions about its accounts or the missing contract for the frigates.",
])
def test_signoff_reason_leaves_body_sentences(line: str) -> None:
    assert signoff_reason(line) is None
