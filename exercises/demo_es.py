"""Spanish text of the demo exercises (exercises/demo.py), one entry per exercise slug.

Written for this project in our own words: neutral Latin American Spanish for patients in
the US, "usted" throughout, short sentences and common words (INFLESZ 65 or more). Each
exercise says the same as its English page: the same steps, cautions and limits. The demo
names Daniel Reyes, its bilingual physical therapist, as the reviewer of each translation
(exercises/demo.py, seed_spanish); a clinic's own Spanish-speaking PT reviews before publishing.

As in English, the steps and the progression give no number of sets, repetitions, seconds,
times or days: the dose lives in the exercise's dose fields. The precautions are one a line.
"""

# Cautions that several exercises share, one line each, as in English.
# Pain on the outside of the hip (gluteal tendon pain): see exercises/demo.py.
TENDON_CADERA = (
    "Si le duele la parte de afuera de la cadera (sobre el hueso que sobresale), no haga "
    "este ejercicio. No se acueste sobre el lado que le duele. Pregunte a su fisioterapeuta "
    "qué puede hacer en su lugar."
)
PROTESIS_CADERA = (
    "¿Le hicieron un reemplazo de cadera en los últimos 3 meses? Pregunte primero a su "
    "cirujano o a su fisioterapeuta."
)

EXERCISES = {
    "hip-hike": {
        "name": "Elevación de cadera",
        "purpose": (
            "Fortalece los músculos del costado de la cadera que ayudan a mantener la rodilla "
            "en línea."
        ),
        "target_muscles": "Músculos del costado de la cadera (glúteo medio)",
        "steps": [
            "Párese de lado en el borde del escalón más bajo. Agárrese del pasamanos o de una "
            "pared.",
            "Ponga todo su peso en la pierna que está sobre el escalón. El otro pie queda "
            "colgando en el aire, fuera del borde.",
            "Con las dos rodillas rectas, deje que la cadera de la pierna que cuelga baje un "
            "poco hacia el piso.",
            "Vuelva a subir esa cadera, un poco más alto que la otra. Use los músculos del "
            "costado de la cadera de la pierna de apoyo. Quédese así arriba.",
            "Baje la cadera otra vez, despacio. Haga todas las repeticiones. Luego dé la "
            "vuelta y cambie de pierna.",
        ],
        "progression": (
            "Cuando sus series le resulten fáciles, quédese arriba un poco más de tiempo, o "
            "agregue una serie."
        ),
        "precautions": (
            "Agárrese siempre del pasamanos o de una pared.\n"
            "¿Tiene mal equilibrio? No haga este ejercicio. Pida a su fisioterapeuta otra "
            "forma de hacerlo en el piso.\n"
            f"{TENDON_CADERA}\n"
            f"{PROTESIS_CADERA}"
        ),
        "transcript": (
            "Una persona está de pie, de lado, en el escalón más bajo de una escalera. Tiene "
            "una mano en el pasamanos. Se apoya en la pierna derecha y deja el pie izquierdo "
            "colgando fuera del borde. Sus rodillas siguen rectas. El lado izquierdo de la "
            "pelvis (el hueso en forma de tazón de sus caderas) baja un poco. Luego sube "
            "cuando la persona aprieta la cadera derecha. Se queda así arriba y baja despacio. "
            "La voz dice: mantenga quieta la parte de arriba del cuerpo; el movimiento sale "
            "de la cadera, no de inclinarse."
        ),
    },
    "runners-march": {
        "name": "Marcha del corredor",
        "purpose": (
            "Entrena el equilibrio y el control de la cadera sobre una pierna, como cuando su "
            "pie toca el suelo al correr."
        ),
        "target_muscles": "Músculos de la cadera, el muslo y el pie que dan firmeza a la pierna",
        "steps": [
            "Párese derecho, con una pared o el respaldo de una silla a su lado, por si pierde "
            "el equilibrio.",
            "Pase su peso a una pierna. Deje esa rodilla suelta, sin trabarla.",
            "Suba la otra rodilla hasta la altura de la cadera. Lleve el brazo contrario "
            "hacia adelante, como al correr. Si necesita agarrarse de la pared, deje los "
            "brazos quietos y solo suba la rodilla.",
            "Quédese así un momento. La rodilla de apoyo debe apuntar hacia los dedos del "
            "pie, no hacia adentro.",
            "Baje el pie. Haga todas las repeticiones. Luego cambie de pierna.",
        ],
        "progression": (
            "Cuando le resulte fácil, suéltese de la pared. O marche un poco más rápido, sin "
            "perder el control."
        ),
        "precautions": (
            "Pare si siente mareo o se siente inestable.\n"
            "Quédese cerca de la pared hasta que tenga buen equilibrio."
        ),
        "transcript": (
            "Una persona está de pie junto a una pared, con una mano cerca de ella. Sube la "
            "rodilla izquierda a la altura de la cadera. A la vez, el brazo derecho va hacia "
            "adelante, como al correr. La rodilla derecha se queda sobre los dedos del pie. "
            "Se queda así, baja y repite. La voz dice: muévase despacio; fíjese que la "
            "rodilla de apoyo no se vaya hacia adentro."
        ),
    },
    "clamshell": {
        "name": "Almeja",
        "purpose": (
            "Despierta los músculos de atrás y del costado de la cadera que giran la pierna "
            "hacia afuera."
        ),
        "target_muscles": (
            "Músculos del costado y de atrás de la cadera (glúteo medio), y músculos pequeños "
            "en lo hondo de la cadera que giran la pierna hacia afuera"
        ),
        "steps": [
            "Acuéstese de lado en el piso o en una cama firme, con las caderas y las rodillas "
            "dobladas. Apoye la cabeza en el brazo.",
            "Mantenga los pies juntos y una cadera justo encima de la otra.",
            "Suba la rodilla de arriba, como una almeja que se abre. No deje que las caderas "
            "se giren hacia atrás.",
            "Baje la rodilla despacio. Haga todas las repeticiones. Luego voltéese del otro lado.",
        ],
        "progression": (
            "Cuando las series le sean fáciles, póngase una banda de ejercicio suave en las "
            "rodillas."
        ),
        "precautions": (
            "Pare si siente un pellizco en la parte de adelante de la cadera, o dolor en la "
            "espalda.\n"
            f"{TENDON_CADERA}\n"
            f"{PROTESIS_CADERA}"
        ),
        "transcript": (
            "Una persona está acostada sobre su lado izquierdo en una colchoneta. Tiene las "
            "rodillas dobladas y los pies juntos. Sube la rodilla de arriba sin separar los "
            "pies. Luego la baja despacio. La voz dice: el movimiento es pequeño; la cadera "
            "de arriba debe apuntar hacia adelante."
        ),
    },
    "side-lying-leg-raise": {
        "name": "Elevación de pierna de lado",
        "purpose": (
            "Da fuerza a los músculos del costado de la cadera, que mantienen sus caderas "
            "parejas al caminar."
        ),
        "target_muscles": "Músculos del costado de la cadera (glúteo medio)",
        "steps": [
            "Acuéstese de lado en el piso o en una cama firme. Doble la rodilla de abajo para "
            "tener equilibrio. Deje recta la pierna de arriba.",
            "Gire un poco los dedos del pie de arriba hacia el piso.",
            "Suba la pierna de arriba, un poco hacia atrás. Súbala solo hasta donde pueda sin "
            "que las caderas se giren hacia atrás. Quédese así arriba.",
            "Bájela despacio. Haga todas las repeticiones. Luego voltéese del otro lado.",
        ],
        "progression": (
            "Cuando sus series le resulten fáciles, quédese arriba un poco más de tiempo, o "
            "agregue una serie."
        ),
        "precautions": (
            "Pare si siente dolor en la parte baja de la espalda o un pellizco en la cadera.\n"
            "No balancee la pierna. El músculo trabaja mejor si lo hace lento y parejo.\n"
            f"{TENDON_CADERA}\n"
            f"{PROTESIS_CADERA}"
        ),
        "transcript": (
            "Una persona está acostada de lado, con la rodilla de abajo doblada. La pierna de "
            "arriba está recta, con los dedos del pie un poco hacia abajo. Sube la pierna, un "
            "poco hacia atrás. Se queda así arriba y la baja despacio."
        ),
    },
    "glute-bridge": {
        "name": "Puente de glúteos",
        "purpose": (
            "Fortalece los músculos de las nalgas, que le ayudan a subir escaleras y a "
            "levantarse de una silla."
        ),
        "target_muscles": ("Músculos de las nalgas (glúteo mayor) y la parte de atrás del muslo"),
        "steps": [
            "Acuéstese boca arriba en el piso o en una cama firme, con las rodillas dobladas. "
            "Ponga los pies planos, separados al ancho de las caderas.",
            "Apriete las nalgas y suba las caderas hasta que su cuerpo quede en línea de las "
            "rodillas a los hombros.",
            "Quédese así arriba. Siga respirando.",
            "Baje despacio, una parte de la espalda a la vez.",
        ],
        "progression": (
            "Cuando le resulte fácil, quédese arriba un poco más de tiempo. O, cuando esté "
            "arriba, levante un pie apenas del piso."
        ),
        "precautions": (
            "¿Le duele la parte baja de la espalda? Pare. Suba menos y apriete más las "
            "nalgas.\n"
            "¿Le da un calambre atrás del muslo? Pare. Acerque un poco los pies a su cuerpo."
        ),
        "transcript": (
            "Una persona está acostada boca arriba, con las rodillas dobladas y los pies "
            "planos. Sube las caderas hasta que el cuerpo forma una línea recta de las "
            "rodillas a los hombros. Se queda así arriba y baja despacio. La voz dice: "
            "empuje con los talones."
        ),
    },
    "short-foot": {
        "name": "Pie corto (arco en forma de cúpula)",
        "purpose": "Fortalece los músculos pequeños de la planta del pie que sostienen el arco.",
        "target_muscles": "Músculos pequeños de la planta del pie",
        "steps": [
            "Siéntese en una silla con los pies sin zapatos y planos en el piso.",
            "Deje los dedos del pie largos y sueltos. No los encoja.",
            "Lleve la parte de adelante de la planta hacia el talón. Así el arco sube y forma "
            "una pequeña cúpula.",
            "Quédese así y luego afloje.",
        ],
        "progression": (
            "Cuando le resulte fácil en la silla, hágalo de pie. Luego hágalo parándose en un "
            "solo pie."
        ),
        "precautions": (
            "Pare si le da un calambre en el pie. Descanse y luego pruebe otra vez con un "
            "movimiento más pequeño.\n"
            "¿Tiene diabetes o los pies adormecidos? Primero revise si tiene llagas en los pies. "
            "Pregunte a su fisioterapeuta si para usted es seguro andar sin zapatos."
        ),
        "transcript": (
            "Se ve de cerca un pie sin zapato en el piso. Los dedos siguen largos mientras "
            "el arco sube y forma una pequeña cúpula, como si el pie se hiciera más corto. Se "
            "queda así y luego afloja. La voz dice: el movimiento es muy pequeño; está bien "
            "si al principio casi no se ve."
        ),
    },
    "step-down": {
        "name": "Bajada de escalón hacia adelante",
        "purpose": (
            "Entrena su rodilla para que se quede en línea sobre el pie al bajar escaleras."
        ),
        "target_muscles": "Parte de adelante del muslo (cuádriceps) y los músculos de la cadera",
        "steps": [
            "Párese en el escalón más bajo, mirando hacia abajo de la escalera. Agárrese del "
            "pasamanos.",
            "Apóyese en una pierna. Doble despacio esa rodilla y baje el otro talón hacia el piso.",
            "La rodilla que se dobla debe quedar sobre el segundo dedo del pie. No deje que "
            "se vaya hacia adentro.",
            "Toque el piso suavemente con el talón. Luego empuje para volver a subir.",
            "Haga todas las repeticiones. Luego cambie de pierna.",
        ],
        "progression": (
            "Cuando le resulte fácil y su rodilla se quede en línea, baje más despacio. Pruebe "
            "un escalón más alto solo si su fisioterapeuta se lo dice."
        ),
        "precautions": (
            "Empiece con la sentadilla contra la pared y la elevación de cadera. Agregue este "
            "ejercicio cuando esos le resulten fáciles.\n"
            "Use un escalón bajo, como el primero de la escalera. Agárrese del pasamanos "
            "siempre.\n"
            "Baje solo hasta donde pueda con la rodilla en línea."
        ),
        "transcript": (
            "Una persona está de pie en un escalón bajo, mirando hacia adelante, con una mano "
            "en el pasamanos. Dobla despacio la rodilla derecha y toca el piso con el talón "
            "izquierdo. Luego empuja para volver a subir. La rodilla derecha se queda sobre "
            "los dedos del pie. La voz dice: un espejo frente a usted le ayuda a revisar su "
            "rodilla."
        ),
    },
    "calf-raise": {
        "name": "Elevación de talones",
        "purpose": (
            "Fortalece los músculos de la pantorrilla, que le dan impulso hacia adelante en "
            "cada paso."
        ),
        "target_muscles": "Músculos de la pantorrilla",
        "steps": [
            "Párese frente a una pared, con las manos apoyadas en ella. Separe los pies al "
            "ancho de las caderas.",
            "Suba los talones y párese en la parte de adelante de los pies, lo más alto que pueda.",
            "Deje los tobillos rectos, sin que se vayan hacia afuera.",
            "Baje los talones despacio, contando hasta tres.",
        ],
        "progression": (
            "Cuando le resulte fácil con los dos pies, súbase en un pie a la vez. Agárrese "
            "para no perder el equilibrio."
        ),
        "precautions": (
            "Pare si siente un dolor agudo en el talón o en la parte de atrás del tobillo.\n"
            "Deje las manos en la pared para no perder el equilibrio."
        ),
        "transcript": (
            "Una persona está de pie frente a una pared, con las manos en ella. Sube a la "
            "parte de adelante de los pies. Luego baja los talones despacio, contando hasta "
            "tres. La voz dice: bajar despacio es lo más importante."
        ),
    },
    "wall-sit": {
        "name": "Sentadilla contra la pared",
        "purpose": "Fortalece la parte de adelante del muslo sin mover la rodilla.",
        "target_muscles": "Parte de adelante del muslo (cuádriceps)",
        "steps": [
            "Párese con la espalda contra una pared. Ponga los pies a unos 30 cm (12 "
            "pulgadas) de la pared, separados al ancho de las caderas.",
            "Deslícese hacia abajo hasta que las rodillas estén un poco dobladas. Baje solo "
            "hasta donde se sienta bien.",
            "Las rodillas deben quedar sobre los pies, no más adelante de los dedos.",
            "Quédese así y luego deslícese hacia arriba.",
        ],
        "progression": (
            "Cuando le resulte fácil, quédese así más tiempo. O baje un poco más si no le "
            "duele. No baje más allá del punto en que los muslos están a mitad de camino "
            "de quedar paralelos al piso."
        ),
        "precautions": (
            "Está bien bajar poco. Si le duele la rótula, no baje tanto.\n"
            "Nunca baje más allá del punto en que los muslos están a mitad de camino de "
            "quedar paralelos al piso."
        ),
        "transcript": (
            "Una persona apoya la espalda plana contra una pared, con los pies a unos 30 cm "
            "(12 pulgadas) de ella. Se desliza hacia abajo hasta que las rodillas están un "
            "poco dobladas. Se queda así y luego sube deslizándose. La voz dice: debe sentir "
            "que trabajan los muslos, no que le duelen las rodillas."
        ),
    },
    "side-hip-hold": {
        "name": "Presión de cadera hacia afuera (con cinturón)",
        "purpose": (
            "Un primer ejercicio suave para el dolor en la parte de afuera de la cadera. "
            "Trabaja los músculos del costado de la cadera sin apretar los tendones que "
            "duelen."
        ),
        "target_muscles": "Músculos del costado de la cadera (glúteo medio y glúteo menor)",
        "steps": [
            "Acuéstese boca arriba en el piso o en una cama firme. Doble las rodillas y ponga "
            "los pies planos, más o menos al ancho de las caderas.",
            "Póngase un cinturón o una correa alrededor de los muslos, justo arriba de las "
            "rodillas. Ajústelo bien, para que las rodillas casi no se puedan separar.",
            "Empuje despacio las rodillas hacia afuera contra el cinturón. Empuje suave, con "
            "más o menos la cuarta parte de su fuerza.",
            "Siga empujando así. No deje de respirar.",
            "Suelte despacio y descanse. Luego vuelva a empujar.",
        ],
        "progression": (
            "Cuando le resulte fácil, y su cadera no esté peor al día siguiente, pregunte a "
            "su fisioterapeuta qué sigue. Tal vez le pida que empuje un poco más fuerte, o "
            "que lo haga de pie."
        ),
        "precautions": (
            "Empuje suave. Si le duele más la parte de afuera de la cadera, empuje con menos "
            "fuerza.\n"
            "No cruce las piernas. No deje que las rodillas se caigan hacia adentro, una "
            "hacia la otra."
        ),
        "transcript": (
            "Una persona está acostada boca arriba en una colchoneta, con las rodillas "
            "dobladas y los pies planos. Tiene un cinturón alrededor de los muslos, justo "
            "arriba de las rodillas. Empuja despacio las rodillas hacia afuera contra el "
            "cinturón. Las rodillas casi no se mueven. Sigue empujando, sigue respirando y "
            "luego suelta despacio. La voz dice: este es un trabajo suave para el costado de "
            "las caderas, así que empuje con suavidad."
        ),
    },
}
