export function ImportsPage() {
  return (
    <>
      <h1>Importeren</h1>
      <section className="card muted">
        <p>
          Het importeren van inschrijfformulieren uit Excel en CSV is nog niet beschikbaar in deze versie. Tot die tijd kunt
          u de demoschool gebruiken om rond te kijken.
        </p>
      </section>
    </>
  )
}
