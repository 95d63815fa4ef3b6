export function PrintPage() {
  return (
    <>
      <h1>Afdrukken</h1>
      <section className="card muted">
        <p>
          Toestemmingsformulieren, geen-toestemmingslijsten en klassenlijsten voor de groepsapp zijn nog niet beschikbaar in
          deze versie.
        </p>
      </section>
    </>
  )
}
