"""Spanish text of the demo article on knock knees (education/demo.py, "knock-knees").

Written for this project in our own words: neutral Latin American Spanish for patients in
the US, "usted" throughout, short sentences and common words (INFLESZ 65 or more). It says
the same as the English article: the same facts, numbers and cautions. The demo names Daniel
Reyes, its bilingual physical therapist, as the reviewer of the translation (education/demo.py,
seed_spanish); a clinic's own Spanish-speaking PT reviews before publishing.

Warning signs are one a line, as in English: a line starting "Urgencia:" is what the
English marks "Emergency:", "Pronto:" what it marks "Soon:", and a line with no prefix
needs a doctor today.
"""

# Shared Spanish texts, as the English builds its pages from shared constants.
NINO_COJEA = (
    "Un niño o adolescente (de unos 8 a 16 años) que cojea y tiene dolor en la cadera, la "
    "ingle, el muslo o la rodilla. Haga revisar la cadera. Si la placa de crecimiento de la "
    "cadera se desliza, puede sentirse como dolor de rodilla. La placa de crecimiento es la "
    "parte blanda cerca del extremo del hueso de un niño, donde el hueso crece."
)
NINO_NO_CAMINA = (
    "Urgencia: un niño o adolescente con dolor en la cadera, la ingle, el muslo o la rodilla "
    "que no puede caminar apoyando esa pierna."
)
SENALES_RODILLA = (
    "Su rodilla se hinchó rápido después de una caída o una torcedura.\n"
    "Su rodilla se traba y usted no la puede estirar.\n"
    "No puede apoyar peso en la pierna.\n"
    "Fiebre, o una rodilla caliente y roja.\n"
    f"{NINO_COJEA}\n"
    f"{NINO_NO_CAMINA}\n"
)
CON_LAS_MANOS = (
    "Junto con el ejercicio, esto puede calmar el dolor por poco tiempo. Pero por sí solo no "
    "resuelve el problema."
)
FUTURO_ROTULA = (
    "Con ejercicio, la mayoría de las personas se siente mejor en 6 a 12 semanas. En cerca "
    "de la mitad, el dolor va y viene por años. Por eso, siga con algunos ejercicios y "
    "aumente poco a poco."
)
FUTURO_ROTULA_PUNTO_CLAVE = "Suele mejorar con el ejercicio correcto, pero puede volver."
CADA_CUANTO = (
    "Haga los ejercicios de fuerza 3 días por semana, con un día de descanso entre uno y "
    "otro. Los ejercicios de equilibrio y de pies se pueden hacer casi todos los días."
)

ARTICLES = {
    "knock-knees": {
        "title": "Rodillas en X y dolor alrededor de la rótula",
        "summary": (
            "Rodillas que se van hacia adentro, una hacia la otra, y dolor en la parte de "
            "adelante de la rodilla: qué quiere decir en adultos y en niños, y qué ayuda."
        ),
        "what_it_is": (
            '"Rodillas en X" quiere decir que sus rodillas apuntan hacia adentro, una '
            "hacia la otra, cuando usted está de pie, camina o se agacha. Algunas personas "
            "son así por naturaleza. En otras, las rodillas solo se van hacia adentro cuando "
            "se mueven.\n\n"
            "Cuando la rodilla se va hacia adentro, puede que la rótula no se deslice bien en "
            "su canal. El tejido de debajo puede recibir más carga de la que aguanta. El "
            "dolor alrededor o detrás de la rótula se llama **dolor patelofemoral**. Es uno "
            "de los problemas de rodilla más comunes en adolescentes y adultos activos.\n\n"
            "**En los niños pequeños, las rodillas en X son normales.** La mayoría de los "
            "niños las tiene más o menos de los 2 a los 7 años. Luego las piernas se "
            "enderezan solas. El ejercicio no cambia la forma de los huesos. Un niño con "
            "piernas que se están enderezando no necesita tratamiento. Lleve a su hijo al "
            "médico si:\n\n"
            "- los tobillos quedan a más de 8 cm (3 pulgadas) uno del otro cuando las "
            "rodillas se tocan\n"
            "- solo una pierna se va hacia adentro\n"
            "- está empeorando\n"
            "- su hijo tiene menos de 2 años o más de 7\n"
            "- tiene dolor o cojea\n\n"
            "**En los adultos,** vea a un médico si sus rodillas empiezan a irse hacia "
            "adentro, o si una se va más que la otra. La artritis o una lesión vieja pueden "
            "causarlo."
        ),
        "symptoms": (
            "- Un dolor sordo alrededor o detrás de la rótula.\n"
            "- Dolor al subir o bajar escaleras, al agacharse o al arrodillarse.\n"
            "- Dolor después de estar sentado mucho rato con las rodillas dobladas.\n"
            "- Una sensación de crujido o chasquido, muchas veces sin dolor.\n"
        ),
        "causes": (
            "Pocas veces hay una sola causa. Varias cosas pueden sumarse:\n\n"
            "- **Hacer demasiado muy pronto.** Si de pronto corre, salta o sube escaleras "
            "mucho más, la rodilla recibe más carga de la que está acostumbrada. Esta es la "
            "razón más común.\n"
            "- **Músculos débiles en el muslo y la cadera.** Los músculos del muslo "
            "(cuádriceps) controlan la rótula. Los músculos del costado y de atrás de la "
            "cadera ayudan a mantener el muslo en línea. Cuando están débiles o cansados, la "
            "rodilla puede irse hacia adentro.\n"
            "- **Pies que se van hacia adentro.** En algunas personas, la espinilla y la "
            "rodilla giran hacia adentro junto con el pie.\n"
        ),
        "when_to_see_pt": (
            "Vea a un fisioterapeuta si el dolor dura más de dos semanas. Vea a uno también si "
            "el dolor no le deja hacer deporte o subir escaleras, o si vuelve una y otra vez. "
            "El fisioterapeuta mira cómo usted se para, se agacha y da un paso. Así ve dónde "
            "empieza el problema. Luego le da un plan hecho para usted."
        ),
        "treatment": (
            "La mayoría de las personas mejora sin cirugía. Lo que más ayuda es fortalecer "
            "los músculos del muslo y de la cadera, los dos a la vez.\n\n"
            "- **En la clínica**, el fisioterapeuta puede ponerle cinta en la rótula para "
            "calmar el dolor por poco tiempo. También puede mover con las manos la rodilla, y "
            f"los músculos y tejidos que la rodean. {CON_LAS_MANOS} Sobre todo, el "
            "fisioterapeuta le enseña ejercicios y revisa que los haga bien.\n"
            "- **En casa**, haga los ejercicios de muslo y de cadera que están más abajo. A la "
            "mayoría de las personas, esto les ayuda más que hacer solo unos o solo los "
            "otros. Por un tiempo, haga menos de lo que le duele, pero siga en movimiento. "
            "Andar en bicicleta y caminar en terreno plano suelen estar bien.\n"
            "- **Las plantillas** para el zapato pueden calmar el dolor de rótula por unas "
            "semanas en algunas personas.\n"
            "- **El hielo** envuelto en un paño, por 10 a 15 minutos, puede calmar el dolor "
            "después de la actividad.\n\n"
            f"{FUTURO_ROTULA}\n\n"
            "> **¿Cuánto dolor está bien?** Piense en su dolor de 0 a 10. El 0 es nada de "
            "dolor y el 10 es el peor dolor que se pueda imaginar. Al hacer ejercicio, un "
            "dolor de hasta 3 de 10 está bien. Pare si pasa de 3 o si es un dolor agudo. Si "
            "su rodilla está peor a la mañana siguiente, haga menos la próxima vez."
        ),
        "exercises_intro": (
            "Estos ejercicios fortalecen los músculos del muslo y de la cadera. Empiece con "
            "la sentadilla contra la pared y la elevación de cadera. Cuando esos le resulten "
            f"fáciles, agregue la bajada de escalón. {CADA_CUANTO} Pare si el dolor pasa de 3 "
            "de 10 o si es agudo."
        ),
        "red_flags": (
            f"{SENALES_RODILLA}"
            "Pronto: su rodilla le falla (se dobla) una y otra vez.\n"
            "Pronto: adormecimiento u hormigueo en la pierna o el pie.\n"
            "Pronto: las rodillas en X de un niño están empeorando, o son de un solo lado.\n"
            "Pronto: los tobillos de un niño quedan a más de 8 cm (3 pulgadas) uno del otro "
            "cuando las rodillas se tocan.\n"
            "Pronto: sus rodillas empezaron a irse hacia adentro en la edad adulta, o una más "
            "que la otra."
        ),
        "key_points": [
            "Las rodillas en X son normales en los niños de más o menos 2 a 7 años.",
            "En adolescentes y adultos, el dolor en la parte de adelante de la rodilla es "
            "común. " + FUTURO_ROTULA_PUNTO_CLAVE,
            "Fortalecer los músculos del muslo y de la cadera, los dos a la vez, ayuda a la "
            "mayoría de las personas.",
            "Un dolor de hasta 3 de 10 al hacer ejercicio está bien. Pare si sube más o si es "
            "agudo.",
            "Un niño o adolescente con dolor de rodilla que cojea necesita un médico hoy, para "
            "revisar la cadera.",
            "Un fisioterapeuta puede revisar cómo se mueve usted y hacerle un plan.",
        ],
    },
}
