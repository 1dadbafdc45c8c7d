"""Spanish text of the demo question on knees that turn in (questions/demo.py,
"why-do-my-knees-turn-in-and-hurt"): the published question and its answer.

Written for this project in our own words: neutral Latin American Spanish for patients in
the US, "usted" throughout, short sentences and common words (INFLESZ 65 or more). It says
the same as the English answer: the same facts, numbers and cautions. The demo names Daniel
Reyes, its bilingual physical therapist, as the reviewer of the translation (questions/demo.py,
seed_spanish); a clinic's own Spanish-speaking PT reviews before publishing.

Warning signs are one a line, as in English: a line starting "Urgencia:" is what the
English marks "Emergency:", "Pronto:" what it marks "Soon:", and a line with no prefix
needs a doctor today. The answer itself never says how to reach emergency care.
"""

from education.demo_es import (
    CON_LAS_MANOS,
    FUTURO_ROTULA,
    FUTURO_ROTULA_PUNTO_CLAVE,
    NINO_COJEA,
    NINO_NO_CAMINA,
)

QUESTIONS = {
    "why-do-my-knees-turn-in-and-hurt": {
        "things_to_know": (
            "El dolor bajo la rótula con rodillas que se van hacia adentro es común. Casi "
            "nunca es grave.\n"
            f"{FUTURO_ROTULA_PUNTO_CLAVE}\n"
            "Los ejercicios de muslo y de cadera, hechos juntos, ayudan a la mayoría.\n"
            "Un dolor de hasta 3 de 10 durante el ejercicio está bien. Pare si sube más.\n"
            "Un niño o adolescente con dolor de rodilla que cojea debe ver a un médico hoy, "
            "para revisar la cadera.\n"
            "Un fisioterapeuta puede ver cómo se mueve usted y ponerle cinta en la rodilla "
            "por un tiempo."
        ),
        "public_title": (
            "¿Por qué mis rodillas se van hacia adentro, y por qué me duele la parte de "
            "adelante de la rodilla?"
        ),
        "public_text": (
            "Noté que mis rodillas apuntan hacia adentro, una hacia la otra, cuando bajo "
            "escaleras o me agacho. Ahora tengo un dolor debajo de la rótula. Me duele más "
            "en las escaleras y después de estar sentado. ¿Tengo algo mal en la rodilla?"
        ),
        "answer": (
            "Gracias por su pregunta. Lo que usted cuenta parece **dolor patelofemoral**: un "
            "dolor alrededor o debajo de la rótula. Es uno de los problemas de rodilla más "
            "comunes. La mayoría de las personas mejora sin cirugía.\n\n"
            "**¿Tiene algo mal en la rodilla?** Lo más probable es que la rodilla no tenga "
            "daño. El tejido de debajo de la rótula recibe ahora más carga de la que aguanta. "
            "Esto suele empezar después de un cambio, como subir más escaleras, hacer más "
            "sentadillas o correr más.\n\n"
            "**¿Se le quitará solo?** No suele pasar, si nada cambia. Por lo general mejora "
            "cuando usted cambia la carga y fortalece sus músculos. "
            f"{FUTURO_ROTULA}\n\n"
            "Cuando sus rodillas se van hacia adentro en las escaleras o al agacharse, puede "
            "que los músculos del muslo y de la cadera tengan algo que ver. Pueden estar "
            "débiles o cansados. Los músculos fuertes del muslo (el cuádriceps) guían la rótula. Los "
            "músculos fuertes del costado de la cadera ayudan a mantener el muslo en línea.\n\n"
            "**Lo que puede hacer en casa:** fortalezca los músculos del muslo y de la "
            "cadera, los dos a la vez. Empiece con la sentadilla contra la pared y la "
            "elevación de cadera que están más abajo. Cuando esos le resulten fáciles, "
            "agregue la bajada de escalón. Haga un poco menos de lo que le duele, pero siga "
            "en movimiento. Por ejemplo, suba menos escaleras y pase menos tiempo sentado "
            "con las rodillas dobladas.\n\n"
            "**¿Cuánto dolor está bien?** Al hacer ejercicio, un dolor de hasta 3 de 10 está "
            "bien. El 0 es nada de dolor y el 10 es el peor que se pueda imaginar. Pare si "
            "sube más o si es agudo. Si está peor a la mañana siguiente, haga menos la "
            "próxima vez.\n\n"
            "**Lo que puede hacer un fisioterapeuta:** mirar cómo usted se agacha, da pasos "
            "y camina, para ver dónde empieza el problema. Puede ponerle cinta en la rótula "
            "para calmar el dolor por un tiempo. También puede mover con las manos la "
            f"rodilla y los tejidos que la rodean. {CON_LAS_MANOS} Sobre todo, arma con usted "
            "un plan de ejercicios."
        ),
        "red_flags": (
            "Su rodilla se hincha rápido, o se traba y usted no la puede estirar.\n"
            "No puede apoyar peso en la pierna.\n"
            "Fiebre, o una rodilla caliente y roja.\n"
            f"{NINO_COJEA}\n"
            f"{NINO_NO_CAMINA}\n"
            "Pronto: su rodilla le sigue fallando (se dobla)."
        ),
    },
}
