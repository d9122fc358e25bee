"""Legal references that are not parameters (no number or date to look up).

Each is the exact section, so every Reason can link to what it relies on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalRef:
    ref: str
    url: str


SFB = "socialförsäkringsbalken (2010:110)"
LSS = "lagen (1993:387) om stöd och service till vissa funktionshindrade"

LSS_1 = LegalRef(f"1 § {LSS}", "https://lagen.nu/1993:387#P1")
LSS_9_2 = LegalRef(f"9 § 2 {LSS}", "https://lagen.nu/1993:387#P9")
LSS_23 = LegalRef(f"23 § {LSS}", "https://lagen.nu/1993:387#P23")
SFB_51_3 = LegalRef(f"51 kap. 3 § {SFB}", "https://lagen.nu/2010:110#K51P3")
SFB_51_8 = LegalRef(f"51 kap. 8 § {SFB}", "https://lagen.nu/2010:110#K51P8")
SFB_51_10 = LegalRef(f"51 kap. 10 § {SFB}", "https://lagen.nu/2010:110#K51P10")
# The permit rule (first paragraph) and its two exceptions (second paragraph, 1 and 2).
SFB_51_16B = LegalRef(f"51 kap. 16 b § {SFB}", "https://lagen.nu/2010:110#K51P16b")
SFB_51_16B_GRACE = LegalRef(
    f"51 kap. 16 b § andra stycket 1 {SFB}", "https://lagen.nu/2010:110#K51P16b"
)
SFB_51_16B_SPECIAL = LegalRef(
    f"51 kap. 16 b § andra stycket 2 {SFB}", "https://lagen.nu/2010:110#K51P16b"
)
# The payee: a municipality or someone with a permit under 23 § LSS.
SFB_51_19 = LegalRef(f"51 kap. 19 § {SFB}", "https://lagen.nu/2010:110#K51P19")
SFB_110_47 = LegalRef(f"110 kap. 47 § {SFB}", "https://lagen.nu/2010:110#K110P47")
SFB_2_10A = LegalRef(f"2 kap. 10 a § {SFB}", "https://lagen.nu/2010:110#K2P10a")
SFB_2_10C = LegalRef(f"2 kap. 10 c § andra stycket {SFB}", "https://lagen.nu/2010:110#K2P10c")
# Who reached a limit before it was raised keeps it: the transitional provisions.
KEEPS_65 = LegalRef(
    f"punkt 4 övergångsbestämmelserna till SFS 2022:878 ({SFB})", "https://lagen.nu/2010:110"
)
KEEPS_66 = LegalRef(
    f"punkt 4 övergångsbestämmelserna till SFS 2022:879 ({SFB})", "https://lagen.nu/2010:110"
)
# A last day on a weekend, holiday or eve moves to the next weekday.
LAW_1930_173_2 = LegalRef(
    "2 § lagen (1930:173) om beräkning av lagstadgad tid", "https://lagen.nu/1930:173#P2"
)
# Not law: Försäkringskassan's own conditions for paying a provider directly
# (../shared/seeds, 001 "Köpa assistans från assistansanordnare").
FK_PAYEE_CONDITIONS = LegalRef(
    "Försäkringskassans villkor för betalningsmottagare "
    "(forsakringskassan.se, Köpa assistans från assistansanordnare)",
    "https://www.forsakringskassan.se/",
)

# Not law, but the concrete places people are sent to.
FK_PHONE = "0771-524 524"
IVO_REGISTER = "IVO:s register över tillstånd (ivo.se)"
FORM_PAYEE = "3079"
ORGNR_LAW = LegalRef(
    "1 § lagen (1974:174) om identitetsbeteckning för juridiska personer m.fl.",
    "https://lagen.nu/1974:174#P1",
)
