"""BibTeX entries of the papers the corpora come from (one key per paper; a corpus may cite several).

Entries hold what each paper's own front matter gives: authors, title, venue and year, with the
arXiv identifier where the corpus spec names one. Works without a formal publication are
``@misc`` with their URL.
"""

ENTRIES = {
    "chavan2023myboli": """@inproceedings{chavan2023myboli,
  author    = {Chavan, Tanmay and Gokhale, Omkar and Kane, Aditya and Patankar, Shantanu and Joshi, Raviraj},
  title     = {My Boli: Code-mixed {M}arathi-{E}nglish Corpora, Pretrained Language Models and Evaluation Benchmarks},
  booktitle = {Findings of the Association for Computational Linguistics: IJCNLP-AACL 2023},
  year      = {2023}
}""",
    "nayak2022hingbert": """@inproceedings{nayak2022hingbert,
  author    = {Nayak, Ravindra and Joshi, Raviraj},
  title     = {{L3Cube-HingCorpus} and {HingBERT}: A Code Mixed {H}indi-{E}nglish Dataset and {BERT} Language Models},
  booktitle = {Proceedings of the WILDRE-6 Workshop within the 13th Language Resources and Evaluation Conference (LREC 2022)},
  year      = {2022}
}""",
    "patwa2020sentimix": """@inproceedings{patwa2020sentimix,
  author    = {Patwa, Parth and Aguilar, Gustavo and Kar, Sudipta and Pandey, Suraj and PYKL, Srinivas and
               Gamb{\\"a}ck, Bj{\\"o}rn and Chakraborty, Tanmoy and Solorio, Thamar and Das, Amitava},
  title     = {{SemEval}-2020 Task 9: Overview of Sentiment Analysis of Code-Mixed Tweets},
  booktitle = {Proceedings of the Fourteenth Workshop on Semantic Evaluation (SemEval 2020)},
  year      = {2020}
}""",
    "patra2018sail": """@article{patra2018sail,
  author  = {Patra, Braja Gopal and Das, Dipankar and Das, Amitava},
  title   = {Sentiment Analysis of Code-Mixed {I}ndian Languages: An Overview of {SAIL\\_Code-Mixed} Shared Task @{ICON}-2017},
  journal = {arXiv preprint arXiv:1803.06745},
  year    = {2018}
}""",
    "khanuja2020gluecos": """@inproceedings{khanuja2020gluecos,
  author    = {Khanuja, Simran and Dandapat, Sandipan and Srinivasan, Anirudh and Sitaram, Sunayana and Choudhury, Monojit},
  title     = {{GLUECoS}: An Evaluation Benchmark for Code-Switched {NLP}},
  booktitle = {Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics (ACL 2020)},
  year      = {2020}
}""",
    "prabhu2016subword": """@inproceedings{prabhu2016subword,
  author    = {Prabhu, Ameya and Joshi, Aditya and Shrivastava, Manish and Varma, Vasudeva},
  title     = {Towards Sub-Word Level Compositions for Sentiment Analysis of {H}indi-{E}nglish Code Mixed Text},
  booktitle = {Proceedings of COLING 2016, the 26th International Conference on Computational Linguistics},
  year      = {2016}
}""",
    "kumar2018aggression": """@inproceedings{kumar2018aggression,
  author    = {Kumar, Ritesh and Reganti, Aishwarya N. and Bhatia, Akshit and Maheshwari, Tushar},
  title     = {Aggression-annotated Corpus of {H}indi-{E}nglish Code-mixed Data},
  booktitle = {Proceedings of the Eleventh International Conference on Language Resources and Evaluation (LREC 2018)},
  year      = {2018}
}""",
    "kumar2018trac": """@inproceedings{kumar2018trac,
  author    = {Kumar, Ritesh and Ojha, Atul Kr. and Malmasi, Shervin and Zampieri, Marcos},
  title     = {Benchmarking Aggression Identification in Social Media},
  booktitle = {Proceedings of the First Workshop on Trolling, Aggression and Cyberbullying (TRAC-2018)},
  year      = {2018}
}""",
    "bohra2018hate": """@inproceedings{bohra2018hate,
  author    = {Bohra, Aditya and Vijay, Deepanshu and Singh, Vinay and Akhtar, Syed Sarfaraz and Shrivastava, Manish},
  title     = {A Dataset of {H}indi-{E}nglish Code-Mixed Social Media Text for Hate Speech Detection},
  booktitle = {Proceedings of the Second Workshop on Computational Modeling of People's Opinions, Personality, and
               Emotions in Social Media (PEOPLES 2018)},
  year      = {2018}
}""",
    "jamatia2015pos": """@inproceedings{jamatia2015pos,
  author    = {Jamatia, Anupam and Gamb{\\"a}ck, Bj{\\"o}rn and Das, Amitava},
  title     = {Part-of-Speech Tagging for Code-Mixed {E}nglish-{H}indi {T}witter and {F}acebook Chat Messages},
  booktitle = {Proceedings of the International Conference Recent Advances in Natural Language Processing (RANLP 2015)},
  year      = {2015}
}""",
    "icon2016pos": """@misc{icon2016pos,
  title        = {{ICON}-2016 Tool Contest on {POS} Tagging for Code-Mixed {I}ndian Social Media (Facebook, Twitter,
                  and Whatsapp) Text},
  howpublished = {13th International Conference on Natural Language Processing (ICON 2016)},
  year         = {2016}
}""",
    "icon2015pos": """@misc{icon2015pos,
  author       = {Das, Amitava},
  title        = {{ICON}-2015 {NLP} Tools Contest: {POS} Tagging for Code-Mixed {I}ndian Social Media Text},
  howpublished = {12th International Conference on Natural Language Processing (ICON 2015)},
  year         = {2015}
}""",
    "dutta2021lid": """@misc{dutta2021lid,
  author       = {Dutta, Aparna},
  title        = {Word-level {LID} for {B}angla-{E}nglish Code-mixed Social Media Data},
  howpublished = {COSI 217a final project, Brandeis University, \\url{https://github.com/aparnadutta/code-mixed-lid}},
  year         = {2021}
}""",
    "roy2013fire": """@inproceedings{roy2013fire,
  author    = {Roy, Rishiraj Saha and Choudhury, Monojit and Majumder, Prasenjit and Agarwal, Komal},
  title     = {Overview of the {FIRE} 2013 Track on Transliterated Search},
  booktitle = {Working Notes of the Forum for Information Retrieval Evaluation (FIRE 2013)},
  year      = {2013}
}""",
    "alam2025bnsentmix": """@inproceedings{alam2025bnsentmix,
  author    = {Alam, Sadia and Ishmam, Md Farhan and Alvee, Navid Hasin and Siddique, Md Shahnewaz and
               Hossain, Md Azam and Kamal, Abu Raihan Mostofa},
  title     = {{BnSentMix}: A Diverse {B}engali-{E}nglish Code-Mixed Dataset for Sentiment Analysis},
  booktitle = {Proceedings of the First Workshop on Language Models for Low-Resource Languages (LoResLM 2025)},
  year      = {2025}
}""",
    "raihan2023sentmix3l": """@inproceedings{raihan2023sentmix3l,
  author    = {Raihan, Md Nishat and Goswami, Dhiman and Mahmud, Antara and Anastasopoulos, Antonios and Zampieri, Marcos},
  title     = {{SentMix-3L}: A {B}angla-{E}nglish-{H}indi Code-Mixed Dataset for Sentiment Analysis},
  booktitle = {Proceedings of the First Workshop in South East Asian Language Processing (SEALP 2023)},
  year      = {2023},
  note      = {arXiv:2310.18023}
}""",
    "goswami2023offmix3l": """@inproceedings{goswami2023offmix3l,
  author    = {Goswami, Dhiman and Raihan, Md Nishat and Mahmud, Antara and Anastasopoulos, Antonios and Zampieri, Marcos},
  title     = {{OffMix-3L}: A Novel Code-Mixed Dataset in {B}angla-{E}nglish-{H}indi for Offensive Language Identification},
  booktitle = {Proceedings of the 11th International Workshop on Natural Language Processing for Social Media (SocialNLP 2023)},
  year      = {2023}
}""",
    "codemix": """@software{codemix,
  title   = {codemix: Code-mixed {NLP} corpora, tasks, baselines and a local leaderboard},
  author  = {{codemix developers}},
  year    = {2026},
  version = {0.1.0},
  license = {Apache-2.0}
}""",
}


def bibtex(*keys: str) -> str:
    """The entries for ``keys``, joined as one BibTeX text."""
    return "\n\n".join(ENTRIES[key] for key in keys)
