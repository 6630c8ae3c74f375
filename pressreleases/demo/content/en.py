"""The demo media centre in English, the source language."""

from .blocks import (
    bullets,
    guideline_section,
    heading,
    image,
    key_facts,
    link_to_page,
    link_to_url,
    paragraph,
    quote,
    section,
    video,
)

TEXT = {
    "image_descriptions": {
        "media-workshop": "Placeholder picture: deep blue fading into teal, with pale circles.",
        "one-minute-films": "Placeholder picture: warm orange fading into deep red, with pale circles.",
        "young-reporters": "Placeholder picture: green fading into yellow, with pale circles.",
        "childrens-day": "Placeholder picture: violet fading into sky blue, with pale circles.",
        "inclusive-classroom": "Placeholder picture: teal fading into light green, with pale circles.",
        "reporting-guide": "Placeholder picture: dark grey-blue fading into magenta, with pale circles.",
    },
    "contacts": {
        "kazakhstan-press": {
            "name": "Gauhar Abdygaliyeva",
            "role": "Communication Officer",
            "organisation": "UNICEF Kazakhstan",
        },
        "kyrgyzstan-press": {
            "name": "Nurgul Toktosunova",
            "role": "Communication Officer",
            "organisation": "UNICEF Kyrgyzstan",
        },
    },
    "topics": {
        "child-protection": "Child protection",
        "media": "Media and children",
        "justice-for-children": "Justice for children",
        "education": "Education",
    },
    "boilerplate": {
        "title": "About UNICEF",
        "text": (
            "<p>UNICEF, the United Nations Children's Fund, stands up for the rights of every "
            "child in more than 190 countries and territories. In Kazakhstan and Kyrgyzstan we "
            "work with government, parliament, civil society, the media and young people "
            "themselves, so that every girl and boy grows up healthy, goes to school, is kept "
            "safe from violence and neglect, and has a say in the decisions that shape their "
            'life. Find out more at <a href="https://www.unicef.org/">unicef.org</a>.</p>'
        ),
    },
    "media_centre": {
        "title": "Media centre",
        "intro": (
            "<p>News, project proposals and guidance for journalists from our offices in "
            "Almaty and Bishkek. Here you will find our press releases since 2005, the "
            "principles we ask everyone to follow when reporting on children, and the people "
            "to call.</p>"
        ),
        "listing_summary": "Press releases, project proposals and guidance for journalists.",
    },
    "press_releases": {
        "title": "Press releases",
        "intro": "<p>Our statements to the press, newest first. Browse them by year or by topic.</p>",
        "listing_summary": "Our news and statements, from 2005 to today.",
    },
    "project_proposals": {
        "title": "Project proposals",
        "intro": (
            "<p>Projects for children that are ready to start or to grow, and the funding each "
            "still needs. Partners and donors are welcome to get in touch.</p>"
        ),
        "listing_summary": "Projects for children that are looking for partners and funding.",
    },
    "ethical_guidelines": {
        "title": "Ethical guidelines",
        "intro": (
            "<p>A story about a child can change the way that child is seen by neighbours, "
            "classmates and the child themselves. These guidelines help journalists, "
            "photographers and our own staff tell children's stories truthfully without "
            "putting any child at risk. When in doubt, leave it out, or call our press "
            "officers.</p>"
        ),
        "listing_summary": "How to report on children with respect for their dignity, safety and rights.",
        "body": [
            guideline_section(
                "Principles",
                "<p>These principles apply to every child, in every story and in every medium.</p>",
                (
                    "Respect the dignity and rights of every child",
                    "<p>A child is a person with rights, not an illustration for a story. Show "
                    "every child the respect you would show an adult you interview, whatever "
                    "their circumstances.</p>",
                ),
                (
                    "Put the child's best interests first",
                    "<p>The best interests of the child come before the story, the deadline and "
                    "the campaign. If publishing could harm a child, do not publish.</p>",
                ),
                (
                    "Listen to children",
                    "<p>Children have the right to be heard on everything that affects them. "
                    "Let them speak for themselves and report their views faithfully.</p>",
                ),
                (
                    "Do no harm",
                    "<p>Think about what could happen to the child, the family and other "
                    "children once the story is out: reprisals, stigma, bullying.</p>",
                ),
            ),
            guideline_section(
                "Interviewing children",
                "<p>An interview should leave a child no worse off than before.</p>",
                (
                    "Ask for informed consent",
                    "<p>Explain in plain words who you are, what the story is about and where "
                    "it will appear. Ask the child and a parent or guardian for consent, in "
                    "writing where you can, and accept a refusal.</p>",
                ),
                (
                    "Do not re-traumatise",
                    "<p>Never ask a child to relive painful events or act them out for the "
                    "camera. Let the child stop at any moment, with a trusted adult close "
                    "by.</p>",
                ),
                (
                    "Never pay or pressure",
                    "<p>Offer no money or favours for an interview. Do not stage scenes or put "
                    "words in a child's mouth.</p>",
                ),
            ),
            guideline_section(
                "Privacy in words and pictures",
                "<p>Some children must never be recognisable, even when they or their families "
                "agree.</p>",
                (
                    "Change names and hide identifying details",
                    "<p>Always change the name and hide the face of a child who has suffered "
                    "abuse or exploitation, a child in conflict with the law, a child witness "
                    "or a child living with HIV, and tell readers the name has been "
                    "changed.</p>",
                ),
                (
                    "Watch for small clues",
                    "<p>A school uniform, a street sign, the name of a village or of a relative "
                    "can give a child away as surely as a photograph. Check every picture and "
                    "caption for them.</p>",
                ),
                (
                    "Be accurate",
                    "<p>Check figures and statements. Do not exaggerate a child's situation to "
                    "make a stronger story.</p>",
                ),
                (
                    "Avoid labels",
                    "<p>Describe the situation, not the child: “a child living on the street”, "
                    "not “a street child”. Never use words that mock, blame or stigmatise.</p>",
                ),
            ),
        ],
    },
    "contact": {
        "title": "Contact information",
        "intro": (
            "<p>Journalists on a deadline can call our press officers directly. For anything "
            "else, write to the office nearest to you or use the form below: we answer media "
            "enquiries within one working day.</p>"
        ),
        "listing_summary": "Our offices, press officers and a form for media enquiries.",
        "offices": [
            {
                "name": "UNICEF Kazakhstan, Almaty office",
                "address": "12 Demo Street, office 3\nAlmaty 050010\nKazakhstan",
                "hours": "Monday to Friday, 9:00–18:00",
            },
            {
                "name": "UNICEF Kyrgyzstan, Bishkek office",
                "address": "45 Example Avenue\nBishkek 720040\nKyrgyzstan",
                "hours": "Monday to Friday, 8:30–17:30",
            },
        ],
        "form_intro": (
            "<p>Tell us who you are and what you need: an interview, figures, photos or a "
            "comment.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you. Your message has reached our press office and we will reply within "
            "one working day.</p>"
        ),
        "subject": "Media enquiry from the website",
        "form_fields": {
            "name": "Your name",
            "email": "E-mail",
            "organisation": "Media outlet or organisation",
            "message": "Your question",
        },
    },
    "media_club": {
        "title": "Pro-Children Media Club",
        "intro": (
            "<p>The Pro-Children Media Club brings together journalists, students and young "
            "film-makers who want children's voices to be heard in the media.</p>"
        ),
        "listing_summary": "One-minute films by young people, and the journalists' club behind them.",
        "body": [
            paragraph(
                "Since 2005 young people in Kyrgyzstan have come together for one-minute film "
                "workshops. In a single week, with a trainer's help, each of them turns an idea "
                "into a film exactly sixty seconds long, edited in the camera as it is shot.",
                "The films have dealt with HIV, with children growing up without parental care, "
                "with peacebuilding and with justice for children.",
            ),
            heading("Watch the films"),
            video("second-chance", "Second chance"),
            video("the-letter", "A letter to my mother"),
            video("same-sky", "The same sky"),
            heading("Join the club"),
            paragraph(
                "The club meets once a month in Almaty and Bishkek. Members share story ideas, "
                "invite experts on children's rights and help one another report on difficult "
                "subjects with care. Membership is free for working journalists and journalism "
                "students."
            ),
            link_to_page("Read our ethical guidelines", "ethical-guidelines"),
        ],
    },
    "releases": {
        "kazakh-media-adopt-mission-statement-on-child-rights": {
            "title": "Kazakh media adopt mission statement on child rights",
            "dateline": "Almaty",
            "summary": (
                "Journalists, editors and campaigners who spent three days in Almaty discussing "
                "the media and children's rights have founded a national information network, "
                "“Children of Kazakhstan”, and adopted its mission statement and plan of action."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "The workshop set out to help newsrooms make children's rights part of their "
                    "everyday reporting. It had the support of UNICEF, the Ministry of Culture, "
                    "Information and Sport and the Office of the Ombudsman; the UNICEF "
                    "Representative, Alexandre Zouev, and the Ombudsman, Bulat Baikadamov, spoke "
                    "to the participants.",
                    "It followed the country's first training on the ethics of reporting on "
                    "children, held in Astana in May for editors-in-chief, reporters, NGO "
                    "activists and heads of university journalism departments. Then, too, "
                    "participants described the same obstacles: readers who turn the page on "
                    "children's issues, and little public support or funding for such "
                    "journalism.",
                ),
                heading("A network for children"),
                paragraph(
                    "The new network gives journalists and everyone who shares their cause a "
                    "lasting community. In its mission statement, members promise to draw the "
                    "attention of the Government and the public to how children's rights are "
                    "respected in Kazakhstan: support for families, health care, education, "
                    "legal protection and equal chances for every child. They will work with "
                    "central and regional authorities as equal partners, and they welcome any "
                    "organisation that cares about children.",
                ),
                quote(
                    "Children are not only our future, they are our present.",
                    by="Mission statement of the “Children of Kazakhstan” network",
                ),
                paragraph(
                    "Olga Budko, producer of the early-childhood television programme “Daughters "
                    "and Sons”, said that for years she had felt she was working on her own; at "
                    "the workshop she had found allies.",
                ),
                key_facts(
                    ("3", "days of work in Almaty"),
                    ("May 2005", "first national training on ethical reporting about children"),
                    ("24 November", "launch of the “Leave No Child Out” campaign"),
                ),
                paragraph(
                    "The workshop is one of the steps towards the national “Leave No Child Out” "
                    "campaign, which starts on 24 November with the message that every child "
                    "has the right to a loving and caring family.",
                ),
                link_to_page(
                    "Read the ethical guidelines on reporting about children", "ethical-guidelines"
                ),
            ],
        },
        "one-minute-films-on-children-and-justice": {
            "title": "One-minute films on “Children and Justice”",
            "dateline": "Bishkek",
            "summary": (
                "Twenty one-minute films about children and justice, made by young people from "
                "across Kyrgyzstan during a week-long workshop, were shown for the first time "
                "in Bishkek on 20 April."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "The workshop was run by the Generation Insan Foundation with money and "
                    "expertise from UNICEF and the European Union. Many of the films are sad: "
                    "their authors look back on their own lives and on choices they regret. "
                    "Others end with a clear sign of hope.",
                ),
                heading("Seen by those who decide"),
                paragraph(
                    "The Deputy Ombudsman and other officials responsible for justice for "
                    "children came to the screening and thanked the young authors for the "
                    "courage to open their hearts. Four of the film-makers are pupils of a "
                    "special school; according to its director, the films revealed how much "
                    "good there is in boys the staff thought they already knew.",
                    "The young people enjoyed every stage of the work, were proud of the result "
                    "and spoke of a fresh start.",
                ),
                heading("Why it matters"),
                paragraph(
                    "Juvenile justice in Kyrgyzstan is still taking shape. The new edition of "
                    "the Code on Children has a chapter on justice for children, covering "
                    "children in conflict with the law as well as child victims and witnesses "
                    "of crime. The reform puts education and support before punishment, which "
                    "is still the usual response today. Films like these help make the case for "
                    "change and let children speak for themselves.",
                ),
                key_facts(
                    ("20", "one-minute films shown in Bishkek"),
                    ("4th", "one-minute film workshop in Kyrgyzstan"),
                    ("3,000+", "one-minute films by young people worldwide"),
                ),
                paragraph(
                    "Earlier workshops in the country dealt with HIV (2005), children without "
                    "parental care (2009) and peacebuilding (2010).",
                ),
                link_to_page(
                    "Watch films from the Pro-Children Media Club", "pro-children-media-club"
                ),
            ],
        },
        "young-reporters-from-osh-and-batken-go-on-air": {
            "title": "Young reporters from Osh and Batken go on air",
            "dateline": "Osh",
            "summary": (
                "On International Children's Day fifteen teenagers from Osh and Batken regions "
                "presented their first radio stories, made after three months of training with "
                "local journalists."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "The young reporters chose their own subjects: a school bus that never "
                    "comes, a girl who wants to become an engineer, a village where children "
                    "helped to rebuild the playground. They recorded, edited and checked every "
                    "story themselves, with radio journalists as mentors.",
                ),
                quote(
                    "At first I was afraid of the microphone. Now I know adults listen when we "
                    "talk about our lives.",
                    by="Aizada, 15",
                    role="young reporter, Batken",
                ),
                heading("On regional radio all summer"),
                paragraph(
                    "Radio stations in Osh and Batken will broadcast the stories throughout the "
                    "summer. The project belongs to a programme that gives adolescents in the "
                    "south of Kyrgyzstan the skills and the confidence to take part in public "
                    "life.",
                ),
                key_facts(
                    ("15", "young reporters aged 14 to 17"),
                    ("12", "radio stories"),
                    ("3 months", "of training with local journalists"),
                ),
                image(
                    "one-minute-films",
                    caption="The one-minute film workshops in Bishkek inspired the radio project.",
                ),
            ],
        },
        "children-take-over-the-news-on-world-childrens-day": {
            "title": "Children take over the news on World Children's Day",
            "dateline": "Astana",
            "summary": (
                "Children in Astana presented the evening news, interviewed members of "
                "parliament and asked the questions that matter to them, as Kazakhstan joined "
                "the worldwide call to put children first."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "Seven pupils from schools in Astana spent the day in a national television "
                    "newsroom. They chose the stories, wrote the scripts and presented a "
                    "special edition of the evening news, with professional journalists at "
                    "their side.",
                ),
                quote(
                    "Children notice what adults have stopped seeing. Today they set the "
                    "agenda, and it is our turn to listen.",
                    by="UNICEF Representative",
                    role="UNICEF Kazakhstan",
                ),
                heading("What the children asked"),
                paragraph(
                    "Their questions were about safe roads to school, clean air, bullying on the "
                    "internet and help for children with disabilities. The newsroom will follow "
                    "up the answers in reports throughout the year.",
                ),
                key_facts(
                    ("7", "young presenters"),
                    ("20 November", "World Children's Day"),
                    ("1989", "the year the Convention on the Rights of the Child was adopted"),
                ),
                link_to_url(
                    "About World Children's Day", "https://www.unicef.org/world-childrens-day"
                ),
            ],
        },
        "more-children-with-disabilities-go-to-their-local-school": {
            "title": "More children with disabilities go to their local school",
            "dateline": "New York/Bishkek",
            "summary": (
                "Fourteen schools in Chui and Issyk-Kul regions opened their classrooms to "
                "children with disabilities in the first year of a pilot on inclusive "
                "education, according to a review presented today in New York and Bishkek."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "The pilot schools made their entrances and classrooms accessible, trained "
                    "teachers to plan lessons for children who learn in different ways and set "
                    "up support teams together with parents. For many of the children it is the "
                    "first time they have sat in a class with others of their age.",
                ),
                key_facts(
                    ("14", "pilot schools"),
                    ("230", "children with disabilities learning alongside their peers"),
                    ("410", "teachers trained"),
                ),
                quote(
                    "My son used to wait at the window for his sister to come home from school. "
                    "Now they walk there together.",
                    by="A mother",
                    role="Issyk-Kul region",
                ),
                heading("What comes next"),
                paragraph(
                    "The Ministry of Education and Science plans to take the approach to more "
                    "schools in the coming years. The review recommends more speech therapists "
                    "and psychologists in schools, and transport for children who live far "
                    "away.",
                ),
                link_to_page("Support a project for children", "project-proposals"),
            ],
        },
        "a-guide-for-journalists-on-children-and-the-law": {
            "title": "A guide for journalists on children and the law",
            "dateline": "Almaty",
            "summary": (
                "Journalists in Kazakhstan and Kyrgyzstan have a new practical guide to "
                "reporting on children in conflict with the law, and on child victims and "
                "witnesses, without doing them harm."
            ),
            "hero_caption": "",
            "body": [
                paragraph(
                    "Editors, lawyers and members of the “Children of Kazakhstan” information "
                    "network, founded by media professionals in Almaty in 2005, wrote the guide "
                    "together. It answers the questions reporters ask most often: when a child "
                    "may be named, how to interview a child witness, and what a photograph must "
                    "never show.",
                ),
                image(
                    "media-workshop",
                    caption="The 2005 workshop in Almaty where the network was founded.",
                ),
                heading("Three rules from the guide"),
                bullets(
                    "Never name or show a child who is accused of a crime, a victim or a witness.",
                    "Do not ask a child to relive what happened.",
                    "Explain the law and the child's rights, not only the incident.",
                ),
                quote(
                    "A story can follow a child for years. The guide helps us tell the truth "
                    "without taking away a child's second chance.",
                    by="Editor of a regional newspaper",
                    role="Shymkent",
                ),
                link_to_page("Read our ethical guidelines", "ethical-guidelines"),
            ],
        },
    },
    "projects": {
        "justice-for-every-child": {
            "title": "Justice for every child: mediation instead of detention",
            "summary": (
                "Helps adolescents in conflict with the law to put right the harm they have "
                "done and return to school or work, through mediation and community programmes "
                "instead of detention."
            ),
            "listing_summary": "Mediation and community programmes for adolescents in Bishkek, Osh and Jalal-Abad.",
            "regions": "Bishkek, Osh, Jalal-Abad",
            "partners": (
                "Ministry of Justice\n"
                "Office of the Ombudsman (Akyikatchy)\n"
                "Generation Insan Foundation\n"
                "Association of Mediators"
            ),
            "body": [
                section(
                    "problem",
                    paragraph(
                        "Every year hundreds of adolescents in Kyrgyzstan come into contact "
                        "with the police. Too many of them spend months in pre-trial detention "
                        "for minor offences, lose their place at school and struggle to find "
                        "their way back into their community.",
                    ),
                ),
                section(
                    "objectives",
                    bullets(
                        "Make mediation and community programmes the first response to minor "
                        "offences.",
                        "Use pre-trial detention only as a last resort and for the shortest time.",
                        "Give every child in contact with the law a lawyer and a social worker.",
                    ),
                ),
                section(
                    "activities",
                    bullets(
                        "Train 120 police officers, prosecutors and judges in child-friendly "
                        "procedures.",
                        "Set up mediation services in Bishkek, Osh and Jalal-Abad.",
                        "Support social workers to stay with each child for a year after the "
                        "case.",
                    ),
                ),
                section(
                    "results",
                    key_facts(
                        ("600", "adolescents referred to mediation instead of court"),
                        ("40%", "fewer children in pre-trial detention in the three cities"),
                    ),
                    paragraph(
                        "Children who have been through mediation return to school sooner and "
                        "are less likely to offend again.",
                    ),
                ),
            ],
        },
        "young-reporters-for-child-rights": {
            "title": "Young reporters for child rights",
            "summary": (
                "Media clubs in rural schools where teenagers learn to check facts, tell their "
                "own stories and report on children's rights."
            ),
            "listing_summary": "Media literacy clubs for teenagers in rural schools of three regions.",
            "regions": "Kyzylorda, Turkistan region, Mangystau",
            "partners": (
                "“Children of Kazakhstan” information network\n"
                "Regional education departments\n"
                "A university school of journalism"
            ),
            "body": [
                section(
                    "problem",
                    paragraph(
                        "Teenagers in rural Kazakhstan get most of their news from social "
                        "networks, yet few of them learn at school how to tell fact from "
                        "rumour. Their own concerns rarely reach regional newspapers or "
                        "television.",
                    ),
                ),
                section(
                    "objectives",
                    bullets(
                        "Help teenagers find, check and share reliable information.",
                        "Give young people in rural areas a voice in the regional media.",
                        "Build a network of teachers who can run media clubs on their own.",
                    ),
                ),
                section(
                    "activities",
                    bullets(
                        "Open 30 media clubs in rural schools.",
                        "Train 60 teachers and 30 journalists as mentors.",
                        "Publish the best stories in regional newspapers and online.",
                    ),
                ),
                section(
                    "results",
                    key_facts(
                        ("30", "school media clubs"),
                        ("900", "teenagers trained in media literacy"),
                    ),
                    paragraph(
                        "The clubs go on after the project ends, run by the teachers it has "
                        "trained.",
                    ),
                ),
            ],
        },
    },
}
