#include "cli/i18n/messages.h"

namespace remit::cli {

extern const Messages kSpanish;
const Messages kSpanish = {
    "es",
    "Enviar dinero: {from} \u2192 {to}",
    "Antes de enviar dinero a su familia, compare. La comisión es solo una "
    "parte del precio: la mayoría de los servicios también le dan un tipo "
    "de cambio peor que el del mercado y se quedan con la diferencia. Esta "
    "hoja muestra lo que cuesta de verdad cada oferta.",
    "Ofertas más baratas para enviar {amount}",
    "N.º",
    "Servicio",
    "Cómo",
    "Comisión",
    "Oculto en el cambio",
    "Costo total",
    "Su familia recibe",
    "Plazo",
    "No hay ofertas en nuestros datos para este monto.",
    "{reference, select, "
    "usd200 {Para {amount}, el monto habitual para comparar precios (unos "
    "200 dólares estadounidenses),} "
    "usd500 {Para {amount}, el monto habitual para comparar precios (unos "
    "500 dólares estadounidenses),} "
    "other {Para {amount},}} "
    "{count, plural, "
    "one {la única oferta de nuestros datos cuesta {average}.} "
    "other {las # ofertas de nuestros datos cuestan {average} en "
    "promedio.}}",
    "Un precio justo al que aspirar: las tres ofertas más baratas que "
    "muestran su tipo de cambio y llegan en 5 días o menos cuestan {smart} "
    "en promedio.",
    "Menos de tres ofertas muestran su tipo de cambio y llegan en 5 días o "
    "menos: aquí no podemos indicar un precio justo al que aspirar.",
    "El costo oculto en el tipo de cambio",
    "El tipo de cambio del mercado es el que usan los bancos entre sí. Un "
    "servicio que le da un tipo más bajo se queda con la diferencia: eso "
    "también es un costo, aunque la comisión sea cero.",
    "Ejemplo: con {provider}, enviar {amount} cuesta una comisión de {fee}. "
    "El tipo del servicio es {rate} mientras que el del mercado es {mid}, "
    "lo que le cuesta otros {margin_cost}. Su familia recibe {receives}. En "
    "total, el envío le cuesta {total}, es decir, {percent} de lo que envía.",
    "Preguntas para hacer en la ventanilla",
    {"¿Cuál es la comisión, en total?", "¿Qué tipo de cambio aplican hoy?",
     "¿Cuánto recibirá exactamente mi familia, en su moneda?",
     "¿En cuánto tiempo llegará el dinero?",
     "¿Qué documentos de identidad necesitamos el beneficiario y yo?",
     "¿Puedo cancelar, y me devuelven el dinero si algo sale mal?"},
    "Fuente: {name}, precios al {date}. Versión de los datos {version}.",
    "no indicado",
    "! Las cifras publicadas por la encuesta para esta oferta son "
    "inusuales: el total no coincide con la comisión y el tipo de cambio, "
    "es negativo (un tipo promocional) o supera el 100\u00a0%. Pregunte al "
    "proveedor.",
    {"efectivo", "cuenta bancaria", "tarjeta de débito", "tarjeta de crédito",
     "billetera móvil", "otro"},
    {"retiro en efectivo", "cuenta bancaria", "dinero móvil",
     "entrega a domicilio", "otro"},
    {"menos de 1 hora", "el mismo día", "al día siguiente", "2 días",
     "3 a 5 días", "6 días o más"},
    "Otros cargos",
    "Otros cargos: un recargo según el medio de pago (por ejemplo una "
    "tarjeta) y comisiones que se descuentan de lo que recibe su familia, "
    "contados en su moneda.",
    "Costo total = comisión + oculto en el cambio.",
    "Costo total = comisión + otros cargos + oculto en el cambio.",
    "* Precio promocional (por ejemplo para un primer envío): no es el "
    "precio habitual del servicio. Pregunte cuánto dura.",
    "~ Estimado: la encuesta midió otros montos; este precio se calcula "
    "entre ellos. Pida el precio exacto al servicio.",
    "tipo de cambio promocional mejor que el del mercado: {amount} a su "
    "favor",
    "Ese costo incluye {other} de otros cargos.",
    "Sin ejemplo detallado: todas las ofertas mostradas aquí tienen un "
    "precio promocional o estimado, y un ejemplo debe usar un precio "
    "habitual.",
    "Los precios de esta hoja son del {oldest} al {newest}.",
    "Los precios de esta hoja son del {date}.",
    "Datos ilustrativos al {date}: los proveedores y los precios son "
    "inventados para la demostración. No son ofertas reales.",
    "Atención: estos precios no están actualizados. El más reciente es del "
    "{newest}, más de {days, plural, one {# día} other {# días}} antes del "
    "{as_of}. Los precios cambian: compruebe cada cifra con el proveedor "
    "antes de enviar dinero.",
    "Precios desactualizados: el m\u00e1s reciente es del {newest}. "
    "Compruebe cada cifra con el proveedor.",
    "Datos ilustrativos al {date}: precios inventados, no son ofertas "
    "reales.",
    "Lo m\u00e1s barato seg\u00fan el monto que env\u00eda, de {min} a "
    "{max}: {parts}.",
    "{provider} para cualquier monto",
    "{provider} hasta {to}",
    "{provider} de {from} a {to}",
    "{provider} desde {from}",
    "; ",
    "{count, plural, one {y # cambio m\u00e1s} other {y # cambios m\u00e1s}}",
    {"banco", "operador de transferencias de dinero", "operador m\u00f3vil",
     "oficina de correos", "otro"},
    "Importe",
    "Env\u00edo",
    "Mi familia recibe",
    "Comparar",
    "Ordenar por",
    {"costo total", "importe recibido", "rapidez"},
    "C\u00f3mo llega el dinero",
    "Tipo de proveedor",
    "Todos",
    "Tipo de cambio",
    "{percent} por debajo del tipo de mercado ({mid})",
    "Mostrar m\u00e1s ofertas",
    "{count, plural, one {{shown} de # oferta, ordenada por {order}.} "
    "other {{shown} de # ofertas, ordenadas por {order}.}}",
    "Costo total medio en el tiempo, de {first} a {last}",
    "precio antiguo",
    "Cargando precios\u2026",
    "No se pudieron cargar los precios.",
    "Licencia: {license}",
    "Nota sobre los datos: las cifras publicadas para esta oferta no "
    "cuadran o se salen de lo normal",
};

}  // namespace remit::cli
