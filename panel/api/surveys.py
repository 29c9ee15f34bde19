"""Short paid surveys for panelists."""
from flask.views import MethodView
from flask_smorest import Blueprint, Page

from panel.api.limits import MAX_PAGE_SIZE
from panel.api.openapi import refuses
from panel.api.security import BEARER, current_panelist
from panel.schemas import SurveyResponseSchema, SurveySchema
from panel.services import surveys

blp = Blueprint("surveys", __name__, url_prefix="/api/v1/surveys", description="Surveys")


@blp.route("")
class Surveys(MethodView):
    @blp.response(200, SurveySchema(many=True))
    @blp.paginate(Page, page_size=MAX_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self):
        """Open surveys for you, each with whether you answered it."""
        return [{"survey": survey, "answered": answered}
                for survey, answered in surveys.open_for(current_panelist())]


@blp.route("/<survey_id>/responses")
class Responses(MethodView):
    @refuses(blp, 409, "You have already answered this survey.")
    @blp.arguments(SurveyResponseSchema)
    @blp.response(201)
    @blp.doc(security=BEARER)
    def post(self, body, survey_id):
        """Answer a survey (once); its reward is credited to your balance."""
        response = surveys.answer(current_panelist(), survey_id, body["answers"])
        return {"id": response.id, "survey_id": response.survey_id,
                "answered_at": response.answered_at.isoformat()}
